import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold-start prober: ONE long-lived JVM that starts the server under test, polls it and measures it.
 *
 * <p>Why one process: on a 2-core machine, polling with a new {@code curl} every few ms forks a
 * process per poll, and those forks compete for exactly the CPU the starting JVM needs. Here every
 * poll is a plain socket connect + a raw HTTP/1.1 POST from an already warm JVM that sleeps 2 ms
 * between attempts, so the measuring costs next to nothing.
 *
 * <pre>
 * java Prober.java measure --modes modes.tsv --runs 5 [--warmup 1] [--port 18090] [--csv runs.csv]
 *                          [--logs dir] [--nmt] [--sigkill]
 * java Prober.java train   --dir D --log F [--port 18090] [--requests 50] [--exit-wait 300] -- java ... -jar quarkus-run.jar
 * </pre>
 *
 * <p>{@code modes.tsv}: one mode per line, tab-separated: {@code key, label, working dir, command...}.
 * Leading NAME=VALUE words of the command are environment variables; the rest is exec'ed as is (no
 * shell), with {@code -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=PORT} added before {@code -jar}.
 * Lines starting with {@code #} are ignored. Modes run round-robin: run 1 of every mode, then run 2 of
 * every mode, ..., so that drift on a busy machine hits every mode alike.
 *
 * <p>Per run: check that nothing answers on the port; t0 just before {@link ProcessBuilder#start()};
 * try to connect to 127.0.0.1:PORT every 2 ms, and once connected POST the generic webhook to
 * /hooks/generic until the answer is HTTP 200; t1 when the status line arrives; read VmRSS/VmHWM from
 * /proc/PID/status; SIGTERM the child and wait for it; check that the port is free again.
 * Each start gives up after --timeout seconds (default 60).
 *
 * <p>Profiling options: {@code --nmt} runs {@code jcmd PID VM.native_memory summary} right after the
 * first 200 (the mode needs -XX:NativeMemoryTracking=summary); {@code --sigkill} kills the child with
 * SIGKILL instead of SIGTERM, so that its -Xlog output ends at the first 200.
 */
public final class Prober {

    static final String BODY = "{\"deal_id\":\"bench-1\",\"client_id\":\"1674202831464027743\","
            + "\"status\":\"PAID\",\"revenue\":4500,\"created_at\":1748500000}";
    static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");
    static final Pattern CACHE_WARNING = Pattern.compile("\\[(warning|error)\\]\\[(cds|aot)");

    static int port = 18090;
    static int timeoutSeconds = 60;
    static int pollSleepMillis = 2;
    /** Profiling runs: SIGKILL right after the measurement, so the child's logs end at the first 200. */
    static boolean sigkill;

    record Mode(String key, String label, Path dir, List<String> command) {}

    record Result(double msListen, double msFirst200, long cpuMs, long rssKb, long hwmKb, long anonKb, long fileKb,
                  String quarkusStarted,
                  int cacheWarnings) {}

    /** The child being measured, so that Ctrl-C / SIGTERM of the prober does not leave it running. */
    static volatile Process current;

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = current;
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }));
        if (args.length == 0) {
            usage();
        }
        String cmd = args[0];
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        switch (cmd) {
            case "measure" -> measure(rest);
            case "train" -> train(rest);
            default -> usage();
        }
    }

    static void usage() {
        System.err.println("usage: Prober measure --modes FILE --runs N [--warmup N] [--port P] [--timeout S] "
                + "[--csv FILE] [--logs DIR] [--nmt] [--sigkill]\n"
                + "       Prober train --dir DIR --log FILE [--port P] [--requests N] [--exit-wait S] -- COMMAND...");
        System.exit(2);
    }

    static String opt(List<String> args, String name, String def) {
        int i = args.indexOf(name);
        if (i < 0) {
            return def;
        }
        String v = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return v;
    }

    static boolean flag(List<String> args, String name) {
        return args.remove(name);
    }

    // ---------------------------------------------------------------- measure

    static void measure(List<String> args) throws Exception {
        Path modesFile = Path.of(opt(args, "--modes", "bench/out/modes.tsv"));
        int runs = Integer.parseInt(opt(args, "--runs", "5"));
        int warmup = Integer.parseInt(opt(args, "--warmup", "1"));
        port = Integer.parseInt(opt(args, "--port", String.valueOf(port)));
        timeoutSeconds = Integer.parseInt(opt(args, "--timeout", String.valueOf(timeoutSeconds)));
        Path csv = Path.of(opt(args, "--csv", "bench/out/coldstart-runs.csv"));
        Path logs = Path.of(opt(args, "--logs", "bench/out/logs"));
        boolean nmt = flag(args, "--nmt");
        sigkill = flag(args, "--sigkill");
        Files.createDirectories(logs);
        if (csv.getParent() != null) {
            Files.createDirectories(csv.getParent());
        }

        List<Mode> modes = new ArrayList<>();
        for (String line : Files.readAllLines(modesFile)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            modes.add(new Mode(f[0], f[1], Path.of(f[2]), List.of(f).subList(3, f.length)));
        }
        warmUpSelf();

        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            out.println("round,key,label,ms_listen,ms_first_200,cpu_ms,rss_kb,hwm_kb,rss_anon_kb,rss_file_kb,"
                    + "quarkus_started_s,cache_warnings");
            for (int round = 1 - warmup; round <= runs; round++) {
                for (Mode m : modes) {
                    Path log = logs.resolve(m.key() + (round < 1 ? "-warmup" : "-" + round) + ".log");
                    Result r = oneRun(m, log, nmt ? logs.resolve(m.key() + "-" + round + ".nmt") : null);
                    String tag = round < 1 ? "warm-up" : "run " + round + "/" + runs;
                    System.out.printf(Locale.ROOT, "%-8s %-40s first 200 %7.1f ms (listening %7.1f ms, CPU %5d ms) RSS %4d MB (anon %d)%s%s%n",
                            tag, m.label(), r.msFirst200(), r.msListen(), r.cpuMs(), r.rssKb() / 1024, r.anonKb() / 1024,
                            r.quarkusStarted().isEmpty() ? "" : ", Quarkus 'started in' " + r.quarkusStarted() + " s",
                            r.cacheWarnings() > 0 ? "  !! " + r.cacheWarnings() + " CDS/AOT warnings, see " + log : "");
                    if (round >= 1) {
                        out.printf(Locale.ROOT, "%d,%s,\"%s\",%.1f,%.1f,%d,%d,%d,%d,%d,%s,%d%n", round, m.key(),
                                m.label().replace("\"", "'"), r.msListen(), r.msFirst200(), r.cpuMs(), r.rssKb(), r.hwmKb(),
                                r.anonKb(), r.fileKb(),
                                r.quarkusStarted(), r.cacheWarnings());
                        out.flush();
                    }
                }
            }
        }
        System.out.println("wrote " + csv);
    }

    static Result oneRun(Mode m, Path log, Path nmtOut) throws Exception {
        awaitPortFree(10_000);
        ProcessBuilder pb = builder(m.command())
                .directory(m.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long t0 = System.nanoTime();
        Process p = pb.start();
        current = p;
        try {
            long tListen = -1;
            long t200 = -1;
            while (t200 < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(m.label() + ": no 200 within " + timeoutSeconds + " s, see " + log);
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException(m.label() + ": exited with " + p.exitValue() + ", see " + log);
                }
                int status = post();
                if (status >= 0 && tListen < 0) {
                    tListen = lastConnected;
                }
                if (status == 200) {
                    t200 = System.nanoTime();
                } else {
                    Thread.sleep(pollSleepMillis);
                }
            }
            long[] rss = readRss(p.pid());
            long cpu = cpuMillis(p.pid());
            if (nmtOut != null) {
                jcmd(p.info().command().orElse("java"), p.pid(), nmtOut);
            }
            if (sigkill) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            } else {
                stop(p, 30);
            }
            String log0 = Files.readString(log, StandardCharsets.ISO_8859_1);
            Matcher sm = STARTED.matcher(log0);
            Matcher wm = CACHE_WARNING.matcher(log0);
            int warnings = 0;
            while (wm.find()) {
                warnings++;
            }
            return new Result((tListen - t0) / 1e6, (t200 - t0) / 1e6, cpu, rss[0], rss[1], rss[2], rss[3],
                    sm.find() ? sm.group(1) : "", warnings);
        } finally {
            if (p.isAlive()) {
                stop(p, 10);
            }
        }
    }

    /** Leading NAME=VALUE words of a command are environment variables for it (as with env(1)). */
    static ProcessBuilder builder(List<String> command) {
        List<String> c = new ArrayList<>(command);
        ProcessBuilder pb = new ProcessBuilder();
        while (!c.isEmpty() && c.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            String kv = c.remove(0);
            pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return pb.command(withPort(c));
    }

    static List<String> withPort(List<String> command) {
        List<String> c = new ArrayList<>(command);
        int jar = c.indexOf("-jar");
        c.addAll(jar < 0 ? c.size() : jar,
                List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        return c;
    }

    /** When post() last got a TCP connection (the server was listening). */
    static long lastConnected;

    /** -1: nothing listens (or the connection broke); otherwise the HTTP status of one POST. */
    static int post() {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            lastConnected = System.nanoTime();
            s.setSoTimeout(30_000);
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            String head = "POST /hooks/generic HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream os = s.getOutputStream();
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] req = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, req, h.length, body.length);
            os.write(req);
            os.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                line.append((char) c);
            }
            // "HTTP/1.1 200 OK"
            String[] parts = line.toString().split(" ");
            return parts.length >= 2 ? Integer.parseInt(parts[1].trim()) : 0;
        } catch (ConnectException e) {
            return -1;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    static boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitPortFree(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (listening()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("something answers on 127.0.0.1:" + port
                        + " before a start; stop it or choose another port (BENCH_PORT)");
            }
            Thread.sleep(50);
        }
    }

    /**
     * CPU time (user + system, all threads, in ms) the child has used so far, from /proc/PID/stat. Unlike
     * wall-clock time it hardly grows when other processes compete for the cores, so it is the steadier
     * figure on a busy machine (resolution: one clock tick, 10 ms).
     */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3 (state)
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 utime, 15 stime
        return ticks * 1000 / CLOCK_TICKS;
    }

    static final long CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux/x86_64

    static final String[] STATUS_KEYS = {"VmRSS:", "VmHWM:", "RssAnon:", "RssFile:"};

    /** {VmRSS, VmHWM, RssAnon, RssFile} in kB (RssFile: mapped files, e.g. the CDS/AOT archive and jars). */
    static long[] readRss(long pid) throws IOException {
        long[] v = {-1, -1, -1, -1};
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            for (int i = 0; i < STATUS_KEYS.length; i++) {
                if (l.startsWith(STATUS_KEYS[i])) {
                    v[i] = Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        }
        return v;
    }

    static void stop(Process p, int seconds) throws InterruptedException {
        p.destroy(); // SIGTERM: Quarkus shuts down gracefully; AOT/CDS outputs are written at exit
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void jcmd(String java, long pid, Path out) throws Exception {
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        Process j = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "VM.native_memory", "summary")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        j.waitFor(30, TimeUnit.SECONDS);
    }

    /** Runs the poll path against an in-process server a few hundred times, so it is warm before measuring. */
    static void warmUpSelf() throws Exception {
        int saved = port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            port = ss.getLocalPort();
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                while (!ss.isClosed()) {
                    try (Socket c = ss.accept()) {
                        InputStream in = c.getInputStream();
                        int n = 0;
                        // read the head and body (the request is small; one or two reads)
                        while (n < 4 || !new String(buf, 0, n, StandardCharsets.US_ASCII).contains("}")) {
                            int r = in.read(buf, n, buf.length - n);
                            if (r < 0) {
                                break;
                            }
                            n += r;
                        }
                        c.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            for (int i = 0; i < 300; i++) {
                if (post() != 200) {
                    throw new IllegalStateException("prober self-test failed");
                }
            }
        } finally {
            port = saved;
        }
        for (int i = 0; i < 300; i++) {
            listening(); // refused-connection path (the port is free here, or we fail later anyway)
        }
    }

    // ---------------------------------------------------------------- train

    /**
     * Starts COMMAND (e.g. with -XX:AOTCacheOutput=... or -XX:ArchiveClassesAtExit=...), waits for the
     * first 200, sends --requests more webhooks, then SIGTERMs it and waits for the JVM to exit (that is
     * when the cache/archive is written).
     */
    static void train(List<String> args) throws Exception {
        port = Integer.parseInt(opt(args, "--port", String.valueOf(port)));
        timeoutSeconds = Integer.parseInt(opt(args, "--timeout", String.valueOf(timeoutSeconds)));
        int requests = Integer.parseInt(opt(args, "--requests", "50"));
        int exitWait = Integer.parseInt(opt(args, "--exit-wait", "300"));
        Path dir = Path.of(opt(args, "--dir", "."));
        Path log = Path.of(opt(args, "--log", "bench/out/train.log"));
        int sep = args.indexOf("--");
        if (sep < 0) {
            usage();
        }
        List<String> command = args.subList(sep + 1, args.size());
        awaitPortFree(10_000);
        Process p = builder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        current = p;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (post() != 200) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("training run did not answer 200, see " + log);
                }
                Thread.sleep(pollSleepMillis);
            }
            int ok = 1;
            for (int i = 0; i < requests; i++) {
                ok += post() == 200 ? 1 : 0;
            }
            System.out.println("trained: " + ok + " webhooks answered 200; stopping and waiting for the JVM to write its archive");
            p.destroy();
            if (!p.waitFor(exitWait, TimeUnit.SECONDS)) {
                throw new IllegalStateException("training JVM did not exit within " + exitWait + " s, see " + log);
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        awaitPortFree(10_000);
    }
}
