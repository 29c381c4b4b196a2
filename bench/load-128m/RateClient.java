import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Constant-rate webhook sender for bench/load-128m/run.sh (wrk2 is not packaged for Debian; plain wrk is
 * closed-loop and would slow down with the relay instead of holding the rate).
 *
 * Request i is due at start + i / rate. A pool of workers, each with one keep-alive HTTP/1.1 connection,
 * takes the next due request, waits for its time, sends it and reads the answer. Latency is measured from
 * the time the request was DUE, not from when a worker got to send it: if the relay stalls and every
 * worker is busy, the late requests carry the wait in their latency (no coordinated omission). Workers
 * are many more than 200/s needs at a few ms per answer, so a free worker is always there in normal runs;
 * "send_late_max_ms" in the summary says how late the latest send was.
 *
 *   java RateClient.java URL RATE DURATION_S WORKERS SECRET RUN_ID OUT_PREFIX [WARMUP_REQUESTS] [WARMUP_S]
 *
 * Each request is POST URL with X-Relay-Secret and a generic-source order with a unique deal_id
 * (RUN_ID-i). Warm-up: WARMUP_REQUESTS (default 100) sent one by one, not recorded; then the schedule
 * runs for WARMUP_S + DURATION_S seconds at RATE without a break, and the first WARMUP_S seconds
 * (default 0) are summarised apart ("warmup_*" keys) from the measured DURATION_S ("latency_*", ...).
 * Writes OUT_PREFIX-requests.csv (one row per request) and OUT_PREFIX-client.txt (key=value summary).
 */
public class RateClient {

    static final int TIMEOUT_MS = 10_000;

    record Result(long index, long dueNs, long sentNs, long endNs, int status) {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        double durationS = Double.parseDouble(args[2]);
        int workers = Integer.parseInt(args[3]);
        String secret = args[4];
        String runId = args[5];
        String out = args[6];
        int warmup = args.length > 7 ? Integer.parseInt(args[7]) : 100;
        double warmupS = args.length > 8 ? Double.parseDouble(args[8]) : 0;
        int warm = (int) Math.round(rate * warmupS);
        long total = warm + Math.round(rate * durationS);

        // ---- warm-up: one connection, one request at a time, not recorded ----
        try (Connection c = new Connection(url, secret)) {
            for (int i = 0; i < warmup; i++) {
                int status = c.post(body(runId + "-warmup", i));
                if (status != 200) {
                    System.err.println("warm-up request " + i + " answered " + status + ": " + c.lastBody);
                    System.exit(1);
                }
            }
        }

        Result[] results = new Result[(int) total];
        AtomicLong next = new AtomicLong();
        List<String> firstErrors = new ArrayList<>();
        long start = System.nanoTime() + 50_000_000L; // every worker is up before request 0 is due
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                Connection c = null;
                while (true) {
                    long i = next.getAndIncrement();
                    if (i >= total) {
                        break;
                    }
                    long due = start + (long) (i * 1e9 / rate);
                    long now;
                    while ((now = System.nanoTime()) < due) {
                        LockSupport.parkNanos(due - now);
                    }
                    long sent = System.nanoTime();
                    int status;
                    try {
                        if (c == null) {
                            c = new Connection(url, secret);
                        }
                        status = c.post(body(runId, i));
                        if (status != 200) {
                            note(firstErrors, "request " + i + " answered " + status + ": " + c.lastBody);
                        }
                        if (c.closed) {
                            c.close();
                            c = null;
                        }
                    } catch (IOException e) {
                        status = -1;
                        note(firstErrors, "request " + i + ": " + e);
                        if (c != null) {
                            c.close();
                            c = null;
                        }
                    }
                    results[(int) i] = new Result(i, due, sent, System.nanoTime(), status);
                }
                if (c != null) {
                    c.close();
                }
            }, "sender-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        write(results, warm, start, rate, durationS, workers, warmup, firstErrors, out);
    }

    static synchronized void note(List<String> errors, String line) {
        if (errors.size() < 10) {
            errors.add(line);
        }
    }

    static String body(String runId, long i) {
        return "{\"deal_id\":\"" + runId + "-" + i + "\",\"client_id\":\"1674202831464027743\",\"status\":\"PAID\","
                + "\"revenue\":4500,\"created_at\":1748500000}";
    }

    static void write(Result[] all, int warm, long start, double rate, double durationS, int workers, int warmup,
            List<String> firstErrors, String out) throws IOException {
        StringBuilder s = new StringBuilder();
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(Path.of(out + "-requests.csv")))) {
            csv.println("i,due_ms,send_late_ms,latency_ms,service_ms,status,phase");
            for (Result r : all) {
                csv.printf(Locale.ROOT, "%d,%.3f,%.3f,%.3f,%.3f,%d,%s%n", r.index(), (r.dueNs() - start) / 1e6,
                        (r.sentNs() - r.dueNs()) / 1e6, (r.endNs() - r.dueNs()) / 1e6, (r.endNs() - r.sentNs()) / 1e6,
                        r.status(), r.index() < warm ? "warmup" : "measured");
            }
        }
        kv(s, "warmup_requests", warmup);
        kv(s, "warmup_s", fmt(warm / rate));
        if (warm > 0) {
            Result[] w = Arrays.copyOfRange(all, 0, warm);
            double[] lat = Arrays.stream(w).mapToDouble(r -> (r.endNs() - r.dueNs()) / 1e6).sorted().toArray();
            kv(s, "warmup_errors", Arrays.stream(w).filter(r -> r.status() != 200).count());
            kv(s, "warmup_latency_p99_ms", fmt(percentile(lat, 99)));
            kv(s, "warmup_latency_max_ms", fmt(lat[lat.length - 1]));
        }
        Result[] results = Arrays.copyOfRange(all, warm, all.length);
        long measuredStart = results[0].dueNs();
        int n = results.length;
        double[] latency = new double[n];
        double[] service = new double[n];
        double lateMax = 0;
        long lastEnd = measuredStart;
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int k = 0; k < n; k++) {
            Result r = results[k];
            latency[k] = (r.endNs() - r.dueNs()) / 1e6;
            service[k] = (r.endNs() - r.sentNs()) / 1e6;
            lateMax = Math.max(lateMax, (r.sentNs() - r.dueNs()) / 1e6);
            lastEnd = Math.max(lastEnd, r.endNs());
            statuses.merge(r.status(), 1, Integer::sum);
        }
        Arrays.sort(latency);
        Arrays.sort(service);
        int ok = statuses.getOrDefault(200, 0);
        kv(s, "target_rate", fmt(rate));
        kv(s, "duration_s", fmt(durationS));
        kv(s, "workers", workers);
        kv(s, "requests", n);
        kv(s, "ok", ok);
        kv(s, "errors", n - ok);
        statuses.forEach((code, count) -> kv(s, "status_" + (code < 0 ? "io_error" : code), count));
        // answered requests per second, from the first measured request's due time to the last answer
        kv(s, "achieved_rate", fmt(n / ((lastEnd - measuredStart) / 1e9)));
        kv(s, "send_late_max_ms", fmt(lateMax));
        for (double p : new double[] {50, 90, 99, 99.9}) {
            String name = p == 99.9 ? "p999" : "p" + (int) p;
            kv(s, "latency_" + name + "_ms", fmt(percentile(latency, p)));
            kv(s, "service_" + name + "_ms", fmt(percentile(service, p)));
        }
        kv(s, "latency_max_ms", fmt(latency[n - 1]));
        kv(s, "service_max_ms", fmt(service[n - 1]));
        kv(s, "latency_mean_ms", fmt(Arrays.stream(latency).average().orElse(0)));
        for (int k = 0; k < firstErrors.size(); k++) {
            kv(s, "error_" + k, firstErrors.get(k).replace('\n', ' '));
        }
        Files.writeString(Path.of(out + "-client.txt"), s.toString());
        System.out.print(s);
    }

    /** Nearest-rank percentile of a sorted array. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static void kv(StringBuilder s, String k, Object v) {
        s.append(k).append('=').append(v).append('\n');
    }

    /** One keep-alive HTTP/1.1 connection: POST, read the status, headers and body (length or chunked). */
    static final class Connection implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final String path;
        final String head;
        boolean closed;
        String lastBody = "";

        Connection(URI url, String secret) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            path = url.getRawPath();
            head = "POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/json\r\nX-Relay-Secret: " + secret + "\r\n";
        }

        int post(String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((head + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closed = true;
                }
            }
            ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    responseBody.write(in.readNBytes((int) size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                responseBody.write(in.readNBytes((int) length));
            } else {
                responseBody.write(in.readAllBytes());
                closed = true;
            }
            if (status != 200) {
                lastBody = responseBody.toString(StandardCharsets.UTF_8);
            }
            return status;
        }

        String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed by the relay");
                }
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
