package ru.metricarelay.failed;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where events go when Metrica could not take them (relay.failed-events.*). Senders that never
 * resend (Bitrix24) or an open circuit would otherwise lose them; a durable sink keeps them for
 * POST /replay. See docs/reliability.md.
 */
@ConfigMapping(prefix = "relay.failed-events")
public interface FailedEventsConfig {

    enum Sink { LOG, FILE, SQS }

    /** log: a masked line only; file: plus a JSON line per event in {@link #file()}; sqs: plus an SQS message. */
    @WithDefault("log")
    Sink sink();

    /**
     * JSON-lines file for sink=file, created with mode 600. It holds personal data in full (needed to
     * re-send): keep it private. One relay process per file.
     */
    @WithDefault("failed-events.jsonl")
    Path file();

    /** How failed events are logged while Metrica keeps failing (docs/reliability.md#quiet-outages). */
    Log log();

    interface Log {
        /**
         * Per interval the first {@link #first()} failed events get a full line and the rest one summary line
         * (count, first event ids, answers), so an outage writes megabytes of log, not gigabytes. 0 = a full
         * line for every event.
         */
        @WithDefault("10s")
        java.time.Duration interval();

        /** Failed events logged in full per interval before the rest are only counted. */
        @WithDefault("5")
        int first();
    }

    /** SQS dead-letter queue for sink=sqs; credentials from the AWS SDK's default chain. */
    Sqs sqs();

    interface Sqs {
        /** Required with sink=sqs (the relay refuses to start without it). */
        Optional<String> queueUrl();

        /** For SQS-compatible servers (ElasticMQ, LocalStack) and tests. */
        Optional<String> endpoint();

        /** AWS region of the queue. */
        @WithDefault("eu-central-1")
        String region();
    }
}
