package ru.metricarelay.http;

import ru.metricarelay.answer.RelayProblem;

/** The ?limit= of the operator endpoints (/replay, /admin/uploads, /admin/deliveries): 1 to 1000, else 422 naming the field. */
final class Limits {

    static final int MAX = 1000;

    private Limits() {
    }

    static int check(int limit) {
        if (limit < 1 || limit > MAX) {
            throw RelayProblem.unprocessable("limit", "limit must be between 1 and " + MAX);
        }
        return limit;
    }
}
