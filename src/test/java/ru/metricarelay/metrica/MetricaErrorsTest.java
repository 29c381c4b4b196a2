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
        assertInstanceOf(MetricaFailure.Transient.class, MetricaErrors.classify(new MetricaHttpException(503, "", null)));
        assertInstanceOf(MetricaFailure.Transient.class, MetricaErrors.classify(new MetricaHttpException(420, "", null)));
        assertInstanceOf(MetricaFailure.Transient.class, MetricaErrors.classify(new MetricaHttpException(429, "", null)));
        assertInstanceOf(MetricaFailure.Transient.class, MetricaErrors.classify(new ConnectException("refused")));
        for (int status : new int[] {400, 401, 403, 404, 409}) {
            assertInstanceOf(MetricaFailure.Rejected.class, MetricaErrors.classify(new MetricaHttpException(status, "", null)));
        }
        assertInstanceOf(MetricaFailure.Unavailable.class, MetricaErrors.classify(new CircuitBreakerOpenException()));
        MetricaFailure quota = MetricaErrors.classify(new MetricaHttpException(429, "", Duration.ofHours(1)));
        assertEquals(Optional.of(Duration.ofHours(1)), ((MetricaFailure.Transient) quota).retryAfter());
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), MetricaHttpException.retryAfter("7"));
        assertEquals(Optional.of(Duration.ZERO), MetricaHttpException.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(Optional.empty(), MetricaHttpException.retryAfter("soon"));
    }

    @Test
    void backoffGrowsIsBoundedAndHonoursRetryAfter() {
        RetryAfterBackoff backoff = new RetryAfterBackoff(Duration.ofSeconds(2));
        backoff.init(200);
        long first = backoff.nextDelayInMillis(new RuntimeException());
        assertTrue(first >= 100 && first <= 200, "first delay " + first);
        long second = backoff.nextDelayInMillis(new RuntimeException());
        assertTrue(second >= 200 && second <= 400, "second delay " + second);
        for (int i = 0; i < 30; i++) {
            assertTrue(backoff.nextDelayInMillis(new RuntimeException()) <= 2000);
        }
        long asked = backoff.nextDelayInMillis(new MetricaFailure.Transient("quota", Duration.ofMillis(2500)));
        assertTrue(asked >= 2500, "Retry-After ignored: " + asked);
        long capped = backoff.nextDelayInMillis(new MetricaFailure.Transient("x", null).waitingAtMost(Duration.ofMillis(30)));
        assertTrue(capped <= 30, "a back-off outlasted the time left before the deadline: " + capped);
    }
}
