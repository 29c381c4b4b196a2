package ru.metricarelay.queue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * relay.queue=sqs: one message per queued record on an SQS queue (AWS, Yandex Message Queue, ElasticMQ), for
 * serverless deployments where no disk outlives an invocation (docs/architecture.md#queued-delivery). Records of
 * concurrent webhooks share SendMessageBatch calls (four sender threads, made on first use). A flush
 * receives with long polling, 10 at a time, invisible for longer than a flush; deletes what Metrica accepted. Rows
 * Metrica refuses, and messages that are not records, go to the dead-letter queue ({@link SqsDeadLetter}); messages
 * received too often are moved there by the queue's redrive policy (infra/).
 */
final class SqsQueue implements QueueStore {

    private static final Logger LOG = Logger.getLogger(SqsQueue.class);
    /** SQS's ceilings: 10 entries per batch call, 12 h of visibility, 20 s of long polling. */
    private static final int BATCH = SqsBatches.MAX;
    private static final long MAX_VISIBILITY_S = Duration.ofHours(12).toSeconds();
    private static final long MAX_WAIT_S = 20;
    /** Concurrent SendMessageBatch calls: enough to keep up with thousands of webhooks a second at SQS's latency. */
    private static final int SENDERS = 4;
    /** SQS takes at most 256 KiB per batch call: a batch stops growing at about 200,000 characters. */
    private static final int MAX_BATCH_CHARS = 200_000;

    private final SqsClient sqs;
    private final String url;
    private final ObjectMapper json;
    private final SqsDeadLetter deadLetter;
    /** Bodies of received messages that are not records, by receipt handle, until they are set aside. */
    private final Map<String, String> unreadable = new java.util.concurrent.ConcurrentHashMap<>();
    private final int waitSeconds;
    private final java.util.concurrent.BlockingQueue<Pending> pending = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean sendersStarted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closed;

    SqsQueue(SqsClient sqs, String url, Optional<String> deadLetterUrl, ObjectMapper json, Duration wait) {
        this.sqs = sqs;
        this.url = url;
        this.json = json;
        this.deadLetter = new SqsDeadLetter(sqs, url, deadLetterUrl, json);
        this.waitSeconds = (int) Math.min(MAX_WAIT_S, Math.max(0, wait.toSeconds()));
    }

    static SqsQueue open(QueueConfig.Sqs config, ObjectMapper json) {
        String url = config.url().filter(u -> !u.isBlank())
                .orElseThrow(() -> new IllegalStateException("RELAY_QUEUE=sqs needs RELAY_QUEUE_SQS_URL"));
        var client = SqsClient.builder().region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // the JDK's HTTP transport, as for the failed-events sink: no Netty or Apache client to load
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(MAX_WAIT_S + 10)));
        config.endpoint().filter(e -> !e.isBlank()).ifPresent(e -> client.endpointOverride(URI.create(e)));
        return new SqsQueue(client.build(), url, config.deadLetterUrl(), json, config.waitTime());
    }

    @Override
    public CompletionStage<Void> put(List<QueuedRecord> records) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        try {
            for (QueuedRecord r : records) {
                Pending p = new Pending(json.writeValueAsString(r), new CompletableFuture<>());
                sent.add(p.sent());
                pending.add(p);
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        startSenders();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** One record waiting for a SendMessageBatch; its future completes when SQS has it. */
    private record Pending(String body, CompletableFuture<Void> sent) {
    }

    private void startSenders() {
        if (sendersStarted.compareAndSet(false, true)) {
            for (int i = 0; i < SENDERS; i++) {
                Thread sender = new Thread(this::sendLoop, "relay-sqs-sender-" + i);
                sender.setDaemon(true);
                sender.start();
            }
        }
    }

    /**
     * Batches records of concurrent webhooks into SendMessageBatch calls of up to 10 (SQS's ceiling) — fewer calls
     * and fewer billed requests under load, and no wait for a batch to fill when traffic is light.
     */
    private void sendLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                Pending first = pending.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int bytes = first.body().length();
                Pending next;
                while (batch.size() < BATCH && bytes < MAX_BATCH_CHARS && (next = pending.poll()) != null) {
                    batch.add(next);
                    bytes += next.body().length();
                }
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                batch.forEach(p -> p.sent().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Pending> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(batch.get(i).body()).build());
        }
        var result = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
        // an entry SQS refused fails its webhook (503: the sender sends again; ids are deterministic)
        result.failed().forEach(f -> batch.get(Integer.parseInt(f.id())).sent()
                .completeExceptionally(new IllegalStateException("SQS refused a record: " + f.code())));
        result.successful().forEach(ok -> batch.get(Integer.parseInt(ok.id())).sent().complete(null));
    }

    @Override
    public List<Taken> take(int max, Duration hold, Instant until) {
        int visibility = (int) Math.min(MAX_VISIBILITY_S, Math.max(1, hold.toSeconds()));
        List<Taken> taken = new ArrayList<>();
        while (taken.size() < max && Instant.now().isBefore(until)) {
            int want = Math.min(BATCH, max - taken.size());
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(want).visibilityTimeout(visibility)
                    .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
            if (got.isEmpty()) {
                break; // a long poll that found nothing: the queue is empty
            }
            for (Message m : got) {
                String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
                QueuedRecord record = QueuedRecord.read(json, m.body());
                if (record == null) {
                    unreadable.put(m.receiptHandle(), m.body());
                }
                // SQS cannot count sends per message: its redrive policy's maxReceiveCount bounds them (each flush sends once)
                taken.add(new Taken(m.receiptHandle(), m.messageId(), sent == null ? 0 : Long.parseLong(sent), 0, record));
            }
        }
        return taken;
    }

    /** Fails when SQS did not delete them all: the caller must know a delivered row may come back. */
    @Override
    public void remove(List<Taken> done) {
        SqsBatches.all("delete", done, (id, t) -> DeleteMessageBatchRequestEntry.builder().id(id).receiptHandle(t.handle()).build(),
                entries -> sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries)).failed());
    }

    /** Failures are only logged: a message not released comes back when its visibility timeout ends. */
    @Override
    public void release(List<Taken> kept) {
        SqsBatches.each(kept, (id, t) -> ChangeMessageVisibilityBatchRequestEntry.builder().id(id).receiptHandle(t.handle())
                        .visibilityTimeout(0).build(),
                entries -> sqs.changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries)).failed())
                .forEach(f -> LOG.warnf("SQS release failed for a queued message: %s %s", f.code(), f.message()));
    }

    /**
     * Sent to the dead-letter queue with why, then deleted here. Without a dead-letter queue the rows stay queued
     * (nothing is dropped) and each flush meets them again, until the redrive policy, if any, moves them.
     */
    @Override
    public void deadLetter(List<Taken> rows, DeadRow.Why why) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        Optional<String> dlq = deadLetter.url();
        if (dlq.isEmpty()) {
            LOG.errorf("%d queued rows cannot be set aside (%s): the SQS queue has no dead-letter queue; set"
                    + " RELAY_QUEUE_SQS_DEAD_LETTER_URL. They stay queued", rows.size(), why.error());
            release(rows);
            throw new IllegalStateException("no dead-letter queue: set RELAY_QUEUE_SQS_DEAD_LETTER_URL");
        }
        List<String> bodies = new ArrayList<>();
        for (Taken t : rows) {
            bodies.add(t.record() != null ? json.writeValueAsString(t.record()) : unreadable.getOrDefault(t.handle(), ""));
        }
        deadLetter.put(dlq.get(), bodies, why);
        remove(rows);
        rows.forEach(t -> unreadable.remove(t.handle()));
        LOG.errorf("%d queued rows moved to the dead-letter queue %s: %s; GET /queue/dead lists them, POST /replay sends"
                + " them again", rows.size(), dlq.get(), why.error());
    }

    @Override
    public List<DeadRow> dead(int limit, Duration hold) {
        return deadLetter.url().map(dlq -> deadLetter.receive(dlq, limit, hold)).orElse(List.of());
    }

    @Override
    public void requeue(List<DeadRow> rows) {
        deadLetter.url().ifPresent(dlq -> deadLetter.requeue(dlq, rows));
    }

    @Override
    public void releaseDead(List<DeadRow> rows) {
        deadLetter.url().ifPresent(dlq -> deadLetter.release(dlq, rows));
    }

    @Override
    public void countSend(List<Taken> rows) {
        // SQS messages cannot be changed: the redrive policy's maxReceiveCount bounds the sends instead
    }

    @Override
    public void uncountSend(List<Taken> rows) {
        // as countSend
    }

    /** SQS has no disk to fill: answering is being able to write. */
    @Override
    public void probe() {
        sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    @Override
    public Stats stats() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        Long dead = deadLetter.url().map(deadLetter::count).orElse(null);
        return new Stats(a.values().stream().mapToLong(Long::parseLong).sum(), null, Map.of(), dead);
    }

    @Override
    public Optional<String> setupWarning() {
        return deadLetter.url().isPresent() ? Optional.empty() : Optional.of("the SQS queue has no dead-letter queue (no"
                + " RELAY_QUEUE_SQS_DEAD_LETTER_URL, no redrive policy): rows Metrica refuses stay queued and are sent again by"
                + " every flush; give the queue a dead-letter queue (infra/ does)");
    }

    @Override
    public void close() {
        closed = true;
        sqs.close();
    }
}
