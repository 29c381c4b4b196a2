package ru.metricarelay.http;

import java.util.Set;

import ru.metricarelay.answer.RelayProblem;

/**
 * The /hooks/... path, parsed once (docs/architecture.md#inbound-http): the source, the relay secret when the path
 * carries it, and the sub-path a sender appends of its own (Mango: {@code events/summary}, listed by the adapter's
 * {@code subPaths()}). After /hooks/{source}/ a first segment the sender lists starts its sub-path; any other first
 * segment is the secret, and what may follow it must be such a sub-path, else 404.
 *
 * @param secret  null when the secret is not in the path (X-Relay-Secret)
 * @param subPath null when the sender appended nothing
 */
record HookPath(String source, String secret, String subPath) {

    /**
     * @param tail     what follows /hooks/{source}/, null when nothing does
     * @param subPaths the first segments the source's sender appends (empty for most, and for an unknown source)
     */
    static HookPath parse(String source, String tail, Set<String> subPaths) {
        if (tail == null) {
            return new HookPath(source, null, null);
        }
        String[] parts = tail.split("/", 2);
        if (subPaths.contains(parts[0])) {
            return new HookPath(source, null, tail); // /hooks/mango/events/summary, /hooks/mango/ping
        }
        if (parts.length == 1) {
            return new HookPath(source, tail, null); // /hooks/tilda/<secret>
        }
        if (!subPaths.contains(parts[1].split("/", 2)[0])) {
            throw RelayProblem.notFound("no such endpoint; webhooks go to POST /hooks/{source}");
        }
        return new HookPath(source, parts[0], parts[1]); // /hooks/mango/<secret>/events/summary
    }
}
