package ru.metricarelay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** What reaches the console: secrets in paths masked, control characters escaped, nothing dropped. */
class LogSanitizerTest {

    static String sanitized(String format, Object... params) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, format, ExtLogRecord.FormatStyle.PRINTF, LogSanitizerTest.class.getName());
        record.setParameters(params);
        assertTrue(new LogSanitizer().isLoggable(record), "a line is never dropped");
        return record.getFormattedMessage();
    }

    @Test
    void pathsAreMaskedWhereverTheyAppear() {
        assertEquals("HTTP Request to /hooks/generic/*** failed, error id: 7",
                sanitized("HTTP Request to %s failed, error id: %s", "/hooks/generic/relay-test-secret-A1", "7"));
        assertEquals("POST /hooks/*** 404", sanitized("POST %s 404", "/hooks/relay-test-secret-A1"));
        assertEquals("at /hooks/mango/*** and /hooks/tilda", sanitized("at /hooks/mango/s3cr3t-long-value/events/summary and /hooks/tilda?x=secret"));
        assertEquals("nothing to mask", sanitized("nothing to mask"));
    }

    /** docs/security.md: POST /queue/flush/{secret} (timers that cannot set headers) never shows its secret in a line. */
    @Test
    void theFlushSecretIsMaskedInEveryLine() {
        assertEquals("/queue/flush/***", SecretPaths.mask("/queue/flush/relay-test-secret-A1?x=1"));
        assertEquals("HTTP Request to /queue/flush/*** failed, error id: 7",
                sanitized("HTTP Request to %s failed, error id: %s", "/queue/flush/relay-test-secret-A1", "7"));
    }

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        String forged = sanitized("metrica_failed event_id=%s error=x", "generic:default:E1\r\nINFO [ru.metricarelay.access] POST /hooks/admin 200\u001b[31m");
        assertEquals("metrica_failed event_id=generic:default:E1\\r\\nINFO [ru.metricarelay.access] POST /hooks/admin 200\\u001b[31m error=x", forged);
        assertEquals("tab\tstays", LogText.escape("tab\tstays"));
        assertEquals("a\\u2028b\\u0000c", LogText.escape("a\u2028b\u0000c"));
        assertNull(LogText.escape(null));
    }

    @Test
    void sourceNamesAreShownOnlyWhenTheyCannotBeSecrets() {
        assertEquals("/hooks/tilda/***", SecretPaths.mask("/hooks/tilda/abc?d=e"));
        assertEquals("/hooks/bitrix24", SecretPaths.mask("/hooks/bitrix24"));
        assertEquals("/hooks/***", SecretPaths.mask("/hooks/Relay-Test-Secret"));
        assertEquals("/hooks/***", SecretPaths.mask("/hooks/abcdefghijklmnopq"));
        assertEquals("/replay", SecretPaths.mask("/replay?limit=5"));
    }
}
