package ru.metricarelay.failed;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where events go when Metrica could not take them (relay.failed-events.*). Senders that never
 * resend (Bitrix24) or an open circuit would otherwise lose them; a durable sink keeps them for
 * replay.
 */
@ConfigMapping(prefix = "relay.failed-events")
public interface FailedEventsConfig {

    enum Sink { LOG, FILE, SQS }

    /** log: a masked line only; file: plus a JSON line per event in {@link #file()}; sqs: plus an SQS message. */
    @WithDefault("log")
    Sink sink();

    /** JSON-lines file for sink=file. It holds personal data in full (needed to re-send): keep it private. */
    @WithDefault("failed-events.jsonl")
    Path file();

    /** SQS dead-letter queue for sink=sqs. */
    Sqs sqs();

    interface Sqs {
        Optional<String> queueUrl();

        /** For SQS-compatible servers (ElasticMQ, LocalStack) and tests. */
        Optional<String> endpoint();

        @WithDefault("eu-central-1")
        String region();
    }
}
