package ru.metricarelay.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Metrica record an event becomes (docs/architecture.md#outputs). CONTACT (a CDP contact upsert only) is for CRM
 * contact events that carry phones and e-mails but no deal, such as amoCRM contacts[update].
 */
// Jackson reads it back from the queue and the failed-events store, in a native image too
@RegisterForReflection
public enum Output {
    ORDER, SIMPLE_ORDER, CONVERSION, CALL, CHAT, CONTACT, IGNORED
}
