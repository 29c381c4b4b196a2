import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast Metrica stand-in for bench/load-128m/run.sh: answers every upload 200 at once (no delay), on
 * 127.0.0.1 only, with the success bodies Metrica's two APIs give. Unlike bench/load's WireMock (slow on
 * purpose, to test the bulkhead), this one must never be the bottleneck: the JDK's own HTTP server, a fixed
 * pool of 8 threads, nothing recorded but a count per path.
 *
 *   java StandIn.java PORT
 *
 * GET /__counts answers the counts as text ("POST /cdp/api/v1/counter/91234567/data/orders/json 12000").
 */
public class StandIn {

    static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    static final AtomicLong IDS = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", StandIn::handle);
        server.start();
        System.out.println("stand-in listening on 127.0.0.1:" + port);
    }

    static void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/__counts")) {
                StringBuilder text = new StringBuilder();
                new TreeMap<>(COUNTS).forEach((k, v) -> text.append(k).append(' ').append(v.get()).append('\n'));
                send(exchange, 200, "text/plain", text.toString());
                return;
            }
            COUNTS.computeIfAbsent(method + " " + path, k -> new AtomicLong()).incrementAndGet();
            long id = IDS.incrementAndGet();
            String body;
            if (path.startsWith("/cdp/")) {
                // CDP uploads (contacts, orders, simple orders): the upload's id and validation status
                body = "{\"uploading\":{\"uploading_id\":\"" + id + "\",\"api_validation_status\":\"PASSED\",\"elements_count\":1}}";
            } else {
                // Management API offline uploads (conversions, calls, chats)
                body = "{\"uploading\":{\"id\":" + id + ",\"status\":\"UPLOADED\",\"line_quantity\":1}}";
            }
            send(exchange, 200, "application/json", body);
        }
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
