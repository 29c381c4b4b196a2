package bench.jmh;

import java.util.List;
import java.util.TreeSet;

import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.Batch;
import ru.metricarelay.metrica.MetricaRequest;

/**
 * Runs every source's pipeline once and prints what it made, so a reader sees the benchmark does the real work:
 * {@code java -cp bench/jmh/target/benchmarks.jar bench.jmh.Check}. Fails (exit 1) when a pipeline's actions
 * differ from those its fixture expects of the relay, or when a sendable record built no request.
 */
public final class Check {

    private Check() {
    }

    public static void main(String[] args) {
        int failed = 0;
        for (String source : new TreeSet<>(Pipeline.CASES.keySet())) {
            try {
                Pipeline pipeline = Pipeline.of(source);
                Pipeline.Outcome outcome = pipeline.run();
                verify(pipeline, outcome);
                System.out.printf("%-10s %-50s %6d B  events=%d  actions=%s  requests=%s%n", source, pipeline.fixture().name(),
                        pipeline.fixture().body().length, outcome.events(), actions(outcome.routed()), requests(outcome.batches()));
            } catch (RuntimeException e) {
                failed++;
                System.out.printf("%-10s FAILED: %s%n", source, e);
            }
        }
        if (failed > 0) {
            System.exit(1);
        }
    }

    /** Throws unless the actions are the fixture's and every sendable record is in a request. */
    static void verify(Pipeline pipeline, Pipeline.Outcome outcome) {
        List<String> actions = actions(outcome.routed());
        List<String> expected = pipeline.fixture().expectedActions();
        if (!expected.isEmpty() && !expected.equals(actions)) {
            throw new IllegalStateException(pipeline.fixture().name() + ": actions " + actions + ", the fixture expects " + expected);
        }
        long sendable = outcome.routed().stream().filter(r -> r.output() != Output.IGNORED).count();
        long batched = outcome.batches().stream().mapToLong(b -> b.records().size()).sum();
        if (sendable != batched || outcome.batches().stream().anyMatch(b -> b.requests().isEmpty())) {
            throw new IllegalStateException(pipeline.fixture().name() + ": " + sendable + " sendable records, " + batched + " in requests");
        }
    }

    private static List<String> actions(List<Routed> routed) {
        return routed.stream().map(r -> r.reason() == null ? r.output().name() : r.output() + "/" + r.reason()).toList();
    }

    private static List<String> requests(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.requests().stream()).map(Check::describe).toList();
    }

    private static String describe(MetricaRequest request) {
        return request.kind() + (request.csv() == null ? "(json)" : "(csv " + request.csv().content().length() + " chars)");
    }
}
