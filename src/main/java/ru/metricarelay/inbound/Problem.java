package ru.metricarelay.inbound;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem document. {@code field} names the offending input on 422; {@code results}
 * tells, on 502/503, what happened to each event of the webhook.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        List<Result> results) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
