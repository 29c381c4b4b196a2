package ru.metricarelay.event;

/**
 * The Metrica record an event becomes (docs/architecture.md#outputs). CONTACT (a CDP contact upsert only) is for CRM
 * contact events that carry phones and e-mails but no deal, such as amoCRM contacts[update].
 */
public enum Output {
    ORDER, SIMPLE_ORDER, CONVERSION, CALL, CHAT, CONTACT, IGNORED
}
