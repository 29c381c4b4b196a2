package ru.metricarelay.metrica.setup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One upload from Metrica's own lists. {@code list}: conversions, calls or cdp. {@code status}: Metrica's
 * (PROCESSED, LINKAGE_FAILURE, ... for conversions and calls; PASSED/FAILED validation for CDP).
 * {@code rows}: rows sent; {@code valid_rows}: rows Metrica accepted; {@code linked_rows}: rows linked to
 * visits, when Metrica reports it. {@code hint}: what a failed status usually means.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PastUpload(String list, String id, @JsonProperty("created_at") String createdAt, String status, Long rows,
        @JsonProperty("valid_rows") Long validRows, @JsonProperty("linked_rows") Long linkedRows, String comment, String hint) {
}
