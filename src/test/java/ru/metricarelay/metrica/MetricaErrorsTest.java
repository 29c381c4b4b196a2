package ru.metricarelay.metrica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** How Metrica's answers are read and classified (SPEC §6). */
class MetricaErrorsTest {

    static final Deadline PLENTY = Deadline.in(Duration.ofSeconds(30));

    @Test
    void errorBodyBecomesOneLine() {
        assertEquals("invalid_uploading: Неверный формат; missing_parameter: file",
                MetricaErrors.describe("{\"errors\":[{\"error_type\":\"invalid_uploading\",\"message\":\"Неверный формат\"},"
                        + "{\"error_type\":\"missing_parameter\",\"message\":\"file\"}],\"code\":400,\"message\":\"x\"}"));
        assertEquals("Access denied", MetricaErrors.describe("{\"code\":403,\"message\":\"Access denied\"}"));
        assertEquals("<html> bad gateway </html>", MetricaErrors.describe("<html>\nbad gateway\n</html>"));
        assertEquals("(empty body)", MetricaErrors.describe(""));
        assertTrue(MetricaErrors.describe("x".repeat(5000)).length() <= 501);
    }

    @Test
    void uploadingIdFromEitherApi() {
        assertEquals("abc-1", MetricaErrors.uploadingId("{\"uploading\":{\"uploading_id\":\"abc-1\"}}"));
        assertEquals("123", MetricaErrors.uploadingId("{\"uploading\":{\"id\":123,\"status\":\"UPLOADED\"}}"));
        assertNull(MetricaErrors.uploadingId("<html>"));
        assertNull(MetricaErrors.uploadingId("{}"));
    }

    @Test
    void transientRejectedAndUnavailable() {
        assertInstanceOf(MetricaFailure.Transient.class, MetricaErrors.classify(new MetricaHttpException(503, "", null), PLENTY));
        assertInstanceOf(MetricaFailure.Transient.class, MetricaErrors.classify(new MetricaHttpException(420, "", null), PLENTY));
        assertInstanceOf(MetricaFailure.Transient.class, MetricaErrors.classify(new MetricaHttpException(429, "", null), PLENTY));
        assertInstanceOf(MetricaFailure.Transient.class, MetricaErrors.classify(new ConnectException("refused"), PLENTY));
        for (int status : new int[] {400, 401, 403, 404, 409}) {
            assertInstanceOf(MetricaFailure.Rejected.class, MetricaErrors.classify(new MetricaHttpException(status, "", null), PLENTY));
        }
        assertInstanceOf(MetricaFailure.Unavailable.class, MetricaErrors.classify(new CircuitBreakerOpenException(), PLENTY));
        assertInstanceOf(MetricaFailure.Unavailable.class,
                MetricaErrors.classify(new MetricaHttpException(429, "", Duration.ofHours(1)), PLENTY));
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), MetricaHttpException.retryAfter("7"));
        assertEquals(Optional.of(Duration.ZERO), MetricaHttpException.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(Optional.empty(), MetricaHttpException.retryAfter("soon"));
    }

    @Test
    void backoffGrowsIsBoundedAndHonoursRetryAfter() {
        RetryAfterBackoff backoff = new RetryAfterBackoff();
        backoff.init(200);
        long first = backoff.nextDelayInMillis(new RuntimeException());
        assertTrue(first >= 100 && first <= 200, "first delay " + first);
        long second = backoff.nextDelayInMillis(new RuntimeException());
        assertTrue(second >= 200 && second <= 400, "second delay " + second);
        for (int i = 0; i < 30; i++) {
            assertTrue(backoff.nextDelayInMillis(new RuntimeException()) <= RetryAfterBackoff.MAX_DELAY_MS);
        }
        long asked = backoff.nextDelayInMillis(new MetricaFailure.Transient("quota", Duration.ofMillis(2500)));
        assertTrue(asked >= 2500, "Retry-After ignored: " + asked);
    }
}
