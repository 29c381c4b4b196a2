package ru.metricarelay.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Queued delivery (docs/architecture.md#queued-delivery): RELAY_QUEUE, RELAY_QUEUE_PATH,
 * RELAY_QUEUE_SQS_URL, RELAY_QUEUE_SQS_ENDPOINT, RELAY_QUEUE_SQS_DEAD_LETTER_URL, RELAY_FLUSH_INTERVAL, RELAY_FLUSH_MAX_ROWS and the keys
 * around them. Every number is listed with its default in application.properties.
 */
@ConfigMapping(prefix = "relay")
public interface QueueConfig {

    enum Backend { SQLITE, SQS }

    /** How SQLite makes a commit durable: FULL fsyncs the write-ahead log on every (group) commit. */
    enum Sync { FULL, NORMAL }

    /** Where queued records live: sqlite (a file) or sqs (AWS SQS, Yandex Message Queue, ElasticMQ). */
    @WithName("queue")
    @WithDefault("sqlite")
    Backend backend();

    /** The SQLite file (created with mode 600: it holds phones and e-mails). One relay process per file. */
    @WithName("queue.path")
    @WithDefault("relay-queue.db")
    Path path();

    /** SQLite's synchronous mode in WAL: FULL survives a power cut, NORMAL only a process crash. */
    @WithName("queue.sync")
    @WithDefault("full")
    Sync sync();

    /** Most webhooks one group commit may carry (one transaction, one fsync). */
    @WithName("queue.group-commit-max")
    @WithDefault("512")
    int groupCommitMax();

    @WithName("queue.sqs")
    Sqs sqs();

    Flush flush();

    interface Sqs {
        /** The queue's URL; required with relay.queue=sqs. */
        Optional<String> url();

        /** For SQS-compatible servers: Yandex Message Queue (https://message-queue.api.cloud.yandex.net), ElasticMQ. */
        Optional<String> endpoint();

        /**
         * Where rows Metrica refuses are kept (docs/reliability.md#dead-letter); none = the queue redrive policy's
         * dead-letter queue, looked up on first use.
         */
        Optional<String> deadLetterUrl();

        @WithDefault("eu-central-1")
        String region();

        /**
         * How long received messages stay invisible to other flushes. Longer than a flush (checked at
         * start-up), so no two flushes ever hold the same message.
         */
        @WithDefault("10m")
        Duration visibilityTimeout();

        /** Long polling: how long one receive waits for messages before it reports the queue empty. */
        @WithDefault("1s")
        Duration waitTime();
    }

    interface Flush {
        /** How often a long-running relay flushes; 0 = only on POST /queue/flush. */
        @WithDefault("5m")
        Duration interval();

        /** Rows (queued records) one flush takes, oldest first. */
        @WithDefault("50000")
        int maxRows();

        /** Time budget of one flush: taking rows and calling Metrica. What is not sent by then stays queued. */
        @WithDefault("2m")
        Duration deadline();

        /** Rows per CSV upload (conversions, calls, chats, simple orders): Metrica takes files up to 1 GB. */
        @WithDefault("50000")
        int maxCsvRows();

        /** Rows per CDP JSON upload (contacts, orders): Metrica documents no limit, so we stay at a few MB. */
        @WithDefault("10000")
        int maxJsonRows();

        /** Most Metrica requests one flush makes (isolating rejected rows costs requests too). */
        @WithDefault("100")
        int maxRequests();

        /**
         * Uploads without an answer one conversion, call or chat row may go out in (docs/reliability.md#unanswered-uploads):
         * Metrica may have taken each, and would count the row twice. Then the row waits in the dead letter.
         */
        @WithDefault("2")
        int maxUnanswered();
    }
}
