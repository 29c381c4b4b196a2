package ru.metricarelay.support;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import ru.metricarelay.http.LogSanitizer;

/**
 * Fails a test class if any response or any log line it caused shows the Metrica token, a relay
 * secret or a full test phone/e-mail, or if a log line holds a raw line break or escape (a forged
 * line). Lines are captured as the console prints them: after http/LogSanitizer.
 * Register with {@code @ExtendWith(Leaks.class)}.
 */
public class Leaks implements BeforeAllCallback, AfterAllCallback {

    public static final List<String> SECRETS = List.of(MetricaStandIn.TOKEN, "relay-test-secret-A1", "relay-test-secret-B2");
    public static final List<String> PII = List.of("79990001122", "client@example.com");

    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> FORGED = new ConcurrentLinkedQueue<>();
    private static final LogSanitizer SANITIZER = new LogSanitizer();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            SANITIZER.isLoggable(record); // what the console handler does first (quarkus.log.console.filter)
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            if (message != null && (message.indexOf('\r') >= 0 || message.indexOf('\n') >= 0 || message.indexOf('\u001b') >= 0)) {
                FORGED.add(record.getLoggerName() + ": " + message);
            }
            LINES.add(record.getLoggerName() + ": " + message
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static final Filter RESPONSES = (request, response, ctx) -> {
        var r = ctx.next(request, response);
        assertClean(r.getHeaders().toString() + "\n" + r.getBody().asString());
        return r;
    };

    /** Fails if the text of an answer shows a secret or personal data in full. */
    public static void assertClean(String answer) {
        for (String secret : SECRETS) {
            if (answer.contains(secret)) {
                throw new AssertionError("a response shows a secret");
            }
        }
        for (String pii : PII) {
            if (answer.contains(pii)) {
                throw new AssertionError("a response shows personal data in full:\n" + answer);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Logger root = Logger.getLogger("");
        root.removeHandler(CAPTURE);
        root.addHandler(CAPTURE);
        LINES.clear();
        FORGED.clear();
        RestAssured.filters(RESPONSES);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RestAssured.replaceFiltersWith(new java.util.ArrayList<>());
        Logger.getLogger("").removeHandler(CAPTURE);
        if (!FORGED.isEmpty()) {
            throw new AssertionError("a log line holds a raw line break or escape: " + FORGED.peek());
        }
        for (String line : LINES) {
            for (String secret : SECRETS) {
                if (line.contains(secret)) {
                    throw new AssertionError("a log line shows a secret: " + line.replace(secret, "<SECRET>"));
                }
            }
            for (String pii : PII) {
                if (line.contains(pii)) {
                    throw new AssertionError("a log line shows personal data in full: " + line);
                }
            }
        }
    }

    /** Log lines captured so far in this class (for tests that assert what is logged). */
    public static List<String> lines() {
        return List.copyOf(LINES);
    }
}
