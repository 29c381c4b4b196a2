package ru.metricarelay.http;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Every line the relay writes (ours and the frameworks': Quarkus, Vert.x, RESTEasy) passes here
 * before the console (quarkus.log.console.filter): secrets in /hooks and /queue/flush paths are masked and control
 * characters escaped, so no line can carry a secret from a path or be forged by a sender's value
 * (docs/security.md). The message is rewritten in place; the line is never dropped.
 */
@LoggingFilter(name = "relay-sanitizer")
public final class LogSanitizer implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String safe = LogText.escape(SecretPaths.maskAll(message));
        if (safe != null && !safe.equals(message)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(safe, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(safe);
            }
            record.setParameters(null);
        }
        return true;
    }
}
