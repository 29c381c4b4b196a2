package bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per source: one webhook body (bytes) → parsed, authenticated, read into events, routed, built into the exact
 * Metrica requests (docs/performance.md#throughput-per-source-jmh). One thread: the score is per core.
 * The primary score is webhooks/s; the "events" counter is events/s (a webhook may carry several); run with
 * -prof gc for gc.alloc.rate.norm, bytes allocated per webhook.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djava.util.logging.manager=org.jboss.logmanager.LogManager") // as Quarkus runs it
@Threads(1)
@State(Scope.Benchmark)
public class WebhookBenchmark {

    @Param({"amocrm", "bitrix24", "calltouch", "generic", "jivo", "mango", "roistat", "telegram", "tilda", "uis", "wazzup"})
    public String source;

    private Pipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() {
        pipeline = Pipeline.of(source);
        Check.verify(pipeline, pipeline.run()); // measure only a pipeline that does what the fixture says
    }

    @Benchmark
    public void webhook(Events events, Cpu cpu, Blackhole blackhole) {
        Pipeline.Outcome outcome = pipeline.run();
        events.events += outcome.events();
        cpu.cpuEvents += outcome.events();
        blackhole.consume(outcome);
    }

    /** Events the adapter read (deals, calls, messages, skipped entries): reported per second as "events". */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
        }
    }

    /**
     * The benchmark thread's own CPU time in each iteration, and the events it handled meanwhile (raw values, per
     * iteration): events per CPU-second is what one core would do if it were ours alone. On a busy machine the
     * wall-clock score falls with every other process; this figure hardly does (GC threads are not in it).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuEvents;
        public long cpuNanos;
        private long start;

        @Setup(Level.Iteration)
        public void start() {
            cpuEvents = 0;
            cpuNanos = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
        }
    }
}
