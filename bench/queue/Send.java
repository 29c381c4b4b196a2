import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/queue: posts a fixed number of mixed webhooks (60 % Tilda conversions, 20 % amoCRM lead status changes —
 * every lead twice, first in progress then won —, 20 % Calltouch calls) with a fixed number of senders, and prints
 * how many were answered 200 and how long it took. One process, plain JDK:
 *
 *   java bench/queue/Send.java http://127.0.0.1:8080 SECRET 100000 50
 */
public class Send {

    public static void main(String[] args) throws Exception {
        String root = args[0];
        String secret = args[1];
        int count = Integer.parseInt(args[2]);
        int senders = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long started = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < count) {
                    String[] hook = hook(n, count);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/hooks/" + hook[0]))
                            .timeout(Duration.ofSeconds(30)).header("X-Relay-Secret", secret)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(hook[1])).build();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("sent=%d ok=%d failed=%d seconds=%.1f rate=%.0f%n", count, ok.get(), failed.get(), seconds, count / seconds);
    }

    /** The n-th webhook of the mix: {source, form body}. */
    static String[] hook(int n, int count) {
        int kind = n % 5;
        if (kind == 3) { // amoCRM: lead n/5/2, in progress on its first webhook, won on its second
            int lead = 41_000_000 + (n / 10);
            boolean won = (n / 5) % 2 == 1;
            String p = "leads[status][0]";
            return new String[] {"amocrm", "account" + enc("[subdomain]") + "=benchshop&" + enc(p + "[id]") + "=" + lead
                    + "&" + enc(p + "[status_id]") + "=" + (won ? 142 : 61000003) + "&" + enc(p + "[price]") + "=45000"
                    + "&" + enc(p + "[date_create]") + "=1748500000&" + enc(p + "[updated_at]") + "=" + (1748500000 + (won ? 60 : 0))
                    + "&" + enc(p + "[custom_fields][0][code]") + "=_YM_UID&" + enc(p + "[custom_fields][0][name]") + "=_ym_uid"
                    + "&" + enc(p + "[custom_fields][0][values][0][value]") + "=" + clientId(2, lead)};
        }
        if (kind == 4) {
            return new String[] {"calltouch", "callId=" + (500_000_000 + n) + "&calltime=" + enc("27/05/2025 14:03:11")
                    + "&duration=60&status=successful&yaClientId=" + clientId(3, n)};
        }
        return new String[] {"tilda", "Name=Bench&formid=form1&tranid=" + n + "&COOKIES=" + enc("_ym_uid=" + clientId(1, n) + ";")};
    }

    static String clientId(int kind, int n) {
        return "16742028" + kind + String.format("%010d", n);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
