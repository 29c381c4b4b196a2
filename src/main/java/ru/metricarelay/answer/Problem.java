package ru.metricarelay.answer;

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

    /** Problem type URIs: tag URIs (RFC 4151) name the kind without pretending to be a web page. */
    public static String type(String slug) {
        return "tag:metrica-relay,2026:problem:" + slug;
    }
}
