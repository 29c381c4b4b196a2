package ru.metricarelay.failed;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * sink=sqs: one message per failed event on a dead-letter queue. Only this class touches the AWS SDK,
 * and it is created on the first failed event, so the SDK costs nothing at start-up. Credentials come
 * from the SDK's default chain (env, system properties, profile, container or instance role).
 */
final class SqsStore implements Store {

    private static final Logger LOG = Logger.getLogger(SqsStore.class);
    /** SQS's own ceilings: 10 messages per receive/delete/visibility call, 12 h of visibility. */
    private static final int BATCH = 10;
    private static final Duration MAX_HOLD = Duration.ofHours(12);

    private final SqsClient sqs;
    private final String queueUrl;

    private SqsStore(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    static SqsStore open(FailedEventsConfig.Sqs config) {
        String queueUrl = config.queueUrl().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalStateException(
                "relay.failed-events.sink=sqs needs relay.failed-events.sqs.queue-url"));
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // the JDK's own HTTP transport: no Apache or Netty on the class path for one call now and then
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)));
        config.endpoint().filter(e -> !e.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        return new SqsStore(builder.build(), queueUrl);
    }

    @Override
    public void put(String json) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(json));
    }

    @Override
    public List<Stored> take(int limit, Duration hold) {
        int visibility = (int) Math.min(MAX_HOLD.toSeconds(), Math.max(30, hold.toSeconds()));
        List<Stored> taken = new ArrayList<>();
        while (taken.size() < limit) {
            int want = Math.min(BATCH, limit - taken.size());
            // a 1 s long poll asks every SQS server, so a short queue is not reported empty by mistake
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .visibilityTimeout(visibility).waitTimeSeconds(1)).messages();
            if (got.isEmpty()) {
                break;
            }
            got.forEach(m -> taken.add(new Stored(m.body(), m.receiptHandle())));
        }
        return taken;
    }

    @Override
    public void remove(List<Stored> done) {
        inBatches(done, (id, stored) -> DeleteMessageBatchRequestEntry.builder().id(id).receiptHandle(stored.handle()).build(),
                entries -> report("delete", sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed()));
    }

    @Override
    public void release(List<Stored> kept) {
        inBatches(kept, (id, stored) -> ChangeMessageVisibilityBatchRequestEntry.builder().id(id)
                        .receiptHandle(stored.handle()).visibilityTimeout(0).build(),
                entries -> report("release", sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed()));
    }

    @Override
    public long remaining() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    @Override
    public void close() {
        sqs.close();
    }

    /** SQS takes at most 10 entries per batch call; each entry gets an id unique within its batch. */
    private static <E> void inBatches(List<Stored> all, BiFunction<String, Stored, E> entry, Consumer<List<E>> call) {
        for (int from = 0; from < all.size(); from += BATCH) {
            List<E> entries = new ArrayList<>();
            for (int i = from; i < Math.min(all.size(), from + BATCH); i++) {
                entries.add(entry.apply(Integer.toString(i - from), all.get(i)));
            }
            call.accept(entries);
        }
    }

    /** A message that could not be deleted is re-sent by a later replay; one not released waits out its hold. */
    private static void report(String what, List<BatchResultErrorEntry> failed) {
        failed.forEach(f -> LOG.warnf("SQS %s failed for a failed-events message: %s %s", what, f.code(), f.message()));
    }
}
