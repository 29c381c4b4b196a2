package ru.metricarelay.queue;

import java.time.Instant;

/**
 * A row in the dead letter (docs/reliability.md#dead-letter): its store handle, when it was moved (null when the store
 * cannot tell) and why, the entry as stored, and its record (null when the entry is not a readable record). Nothing
 * here is masked: views for people mask it.
 */
public record DeadRow(String handle, Instant movedAt, Why why, String body, QueuedRecord record) {

    /** Why a row was set aside: Metrica refused it alone, no upload carrying it was answered often enough, or unreadable. */
    public enum Reason { REFUSED, UNANSWERED, UNREADABLE, RECEIVED_TOO_OFTEN }

    /**
     * @param answerStatus Metrica's HTTP status for {@code REFUSED}, else 0
     * @param error        Metrica's message (already masked) or the relay's
     */
    public record Why(Reason reason, int answerStatus, String error) {

        public static Why unreadable() {
            return new Why(Reason.UNREADABLE, 0, "not a queued record this relay can read (damaged, or written by a newer version)");
        }
    }
}
