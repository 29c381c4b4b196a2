package ru.metricarelay.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;

/** SQS batch calls take at most 10 entries, each with an id unique within its call. */
final class SqsBatches {

    static final int MAX = 10;

    private SqsBatches() {
    }

    /** Makes one call per 10 items; the entries SQS refused, across all calls. */
    static <T, E> List<BatchResultErrorEntry> each(List<T> all, BiFunction<String, T, E> entry,
            Function<List<E>, List<BatchResultErrorEntry>> call) {
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX) {
            List<E> entries = new ArrayList<>();
            for (int i = from; i < Math.min(all.size(), from + MAX); i++) {
                entries.add(entry.apply(Integer.toString(i - from), all.get(i)));
            }
            failed.addAll(call.apply(entries));
        }
        return failed;
    }

    /** The same, failing when SQS refused any entry. */
    static <T, E> void all(String what, List<T> all, BiFunction<String, T, E> entry,
            Function<List<E>, List<BatchResultErrorEntry>> call) {
        List<BatchResultErrorEntry> failed = each(all, entry, call);
        if (!failed.isEmpty()) {
            throw new IllegalStateException("SQS " + what + " failed for " + failed.size() + " messages: " + failed.get(0).code());
        }
    }
}
