package ru.metricarelay.event;

import java.util.List;

/**
 * How the relay looked for an event's ClientId beyond what the sender's adapter read
 * (docs/architecture.md#identity): the field it was found in, or — when none was usable — the
 * fields looked at and those that looked like an identity but held no valid ClientId. Field paths
 * only, never values.
 *
 * @param from     the path of the field the ClientId came from; null when the adapter found it or none was found
 * @param lookedAt the sender's configured fields and every field with a well-known ClientId name
 * @param invalid  fields named like a ClientId whose value is not one (an order number in _ym_uid)
 */
public record IdentityNote(String from, List<String> lookedAt, List<String> invalid) {

    public IdentityNote {
        lookedAt = lookedAt == null ? List.of() : List.copyOf(lookedAt);
        invalid = invalid == null ? List.of() : List.copyOf(invalid);
    }
}
