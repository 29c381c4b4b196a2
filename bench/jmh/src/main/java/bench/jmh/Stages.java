package bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.sun.management.ThreadMXBean;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Routed;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.IdentityDiscovery;

/**
 * Where a webhook's bytes and time go, stage by stage: each stage of {@link Pipeline} runs alone in a loop on
 * the previous stage's output, and the thread's allocated bytes (HotSpot's per-thread counter) and wall time are
 * divided by the loop count. A rough breakdown to find a hot spot, not a replacement for the JMH figures (no
 * forks, a plain loop; the JIT may treat a stage alone differently). Sums come close to JMH's gc.alloc.rate.norm.
 *
 *   java -cp bench/jmh/target/benchmarks.jar bench.jmh.Stages [source ...]
 */
public final class Stages {

    private static final int WARMUP = 30_000;
    private static final int LOOPS = 30_000;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Keeps every result reachable, so no stage is optimised away. */
    private static volatile Object sink;

    private Stages() {
    }

    public static void main(String[] args) {
        List<String> sources = args.length > 0 ? List.of(args) : List.copyOf(new TreeSet<>(Pipeline.CASES.keySet()));
        System.out.printf("%-10s %-16s %10s %10s%n", "source", "stage", "bytes/op", "ns/op");
        for (String source : sources) {
            Pipeline p = Pipeline.of(source);
            InboundRequest request = p.parse();
            List<SourceItem> items = p.read(request);
            IdentityDiscovery.Discovery found = p.discover(items, request);
            List<Routed> routed = p.route(found);
            long bytes = 0;
            long nanos = 0;
            for (Stage stage : List.of(
                    new Stage("parse", p::parse),
                    new Stage("authenticate", () -> {
                        p.authenticate(request);
                        return request;
                    }),
                    new Stage("read", () -> p.read(request)),
                    new Stage("discover", () -> p.discover(items, request)),
                    new Stage("route", () -> p.route(found)),
                    new Stage("build", () -> p.build(routed, request)),
                    new Stage("whole webhook", p::run))) {
                long[] m = measure(stage.work());
                if (!stage.name().equals("whole webhook")) {
                    bytes += m[0];
                    nanos += m[1];
                }
                System.out.printf("%-10s %-16s %10d %10d%n", source, stage.name(), m[0], m[1]);
            }
            System.out.printf("%-10s %-16s %10d %10d%n%n", source, "sum of stages", bytes, nanos);
        }
    }

    private record Stage(String name, Supplier<Object> work) {
    }

    /** {bytes allocated per call, ns per call}. */
    private static long[] measure(Supplier<Object> work) {
        long id = Thread.currentThread().getId();
        for (int i = 0; i < WARMUP; i++) {
            sink = work.get();
        }
        long bytes0 = THREADS.getThreadAllocatedBytes(id);
        long t0 = System.nanoTime();
        for (int i = 0; i < LOOPS; i++) {
            sink = work.get();
        }
        long t1 = System.nanoTime();
        long bytes1 = THREADS.getThreadAllocatedBytes(id);
        return new long[] {(bytes1 - bytes0) / LOOPS, (t1 - t0) / LOOPS};
    }
}
