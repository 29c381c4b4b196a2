package ru.metricarelay.support;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Captures log records with their thread and request id (MDC) while started; for tests of what is logged where. */
public final class LogRecords extends Handler implements AutoCloseable {

    /** One log record: the thread it was logged on, its logger, its formatted message and its request id. */
    public record Line(String thread, String logger, String message, String requestId) {
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

    public static LogRecords start() {
        LogRecords records = new LogRecords();
        Logger.getLogger("").addHandler(records);
        return records;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String requestId = record instanceof ExtLogRecord ext ? ext.getMdc("request_id") : null;
        lines.add(new Line(Thread.currentThread().getName(), record.getLoggerName(), message, requestId));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
