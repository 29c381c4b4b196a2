package ru.metricarelay.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The SQS queue's dead-letter queue (docs/reliability.md#dead-letter): RELAY_QUEUE_SQS_DEAD_LETTER_URL, else the one its
 * redrive policy names. Rows the relay sets aside go there with why in message attributes; rows the redrive policy
 * moved (received too often) arrive without them. SQS allows 10 entries per batch call and 12 h of visibility.
 */
final class SqsDeadLetter {

    private static final long MAX_VISIBILITY_S = Duration.ofHours(12).toSeconds();
    private static final String REASON = "relay_reason";
    private static final String STATUS = "relay_answer_status";
    private static final String ERROR = "relay_error";
    private static final String MOVED = "relay_moved_at";

    private final SqsClient sqs;
    private final String queueUrl;
    private final ObjectMapper json;
    private final Optional<String> configured;
    private volatile Optional<String> url;

    SqsDeadLetter(SqsClient sqs, String queueUrl, Optional<String> configured, ObjectMapper json) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.configured = configured.filter(u -> !u.isBlank());
        this.json = json;
    }

    /** The dead-letter queue's URL, looked up once: configured, else the target of the queue's redrive policy. */
    Optional<String> url() {
        Optional<String> known = url;
        if (known == null) {
            known = configured.isPresent() ? configured : fromRedrivePolicy();
            url = known;
        }
        return known;
    }

    private Optional<String> fromRedrivePolicy() {
        String policy = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            return Optional.empty();
        }
        try {
            String arn = json.readTree(policy).path("deadLetterTargetArn").asText("");
            String name = arn.substring(arn.lastIndexOf(':') + 1);
            return name.isEmpty() ? Optional.empty() : Optional.of(sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Sends these bodies to the dead-letter queue with why; fails (nothing to delete yet) if SQS refused any. */
    void put(String dlq, List<String> bodies, DeadRow.Why why) {
        Map<String, MessageAttributeValue> attributes = Map.of(
                REASON, text(why.reason().name()),
                STATUS, MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(why.answerStatus())).build(),
                ERROR, text(why.error() == null || why.error().isEmpty() ? "-" : why.error()),
                MOVED, MessageAttributeValue.builder().dataType("Number").stringValue(Long.toString(System.currentTimeMillis())).build());
        SqsBatches.all("dead-letter send", bodies, (id, body) -> SendMessageBatchRequestEntry.builder().id(id).messageBody(body)
                .messageAttributes(attributes).build(), e -> sqs.sendMessageBatch(r -> r.queueUrl(dlq).entries(e)).failed());
    }

    /** Up to {@code limit} dead rows, hidden for {@code hold}. */
    List<DeadRow> receive(String dlq, int limit, Duration hold) {
        int visibility = (int) Math.min(MAX_VISIBILITY_S, Math.max(1, hold.toSeconds()));
        List<DeadRow> rows = new ArrayList<>();
        while (rows.size() < limit) {
            int want = Math.min(SqsBatches.MAX, limit - rows.size());
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(want).visibilityTimeout(visibility)
                    .waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (got.isEmpty()) {
                break;
            }
            got.forEach(m -> rows.add(row(m)));
        }
        return rows;
    }

    private DeadRow row(Message m) {
        Map<String, MessageAttributeValue> a = m.messageAttributes();
        QueuedRecord record = QueuedRecord.read(json, m.body());
        DeadRow.Why why;
        if (a.containsKey(REASON)) {
            why = new DeadRow.Why(DeadRow.Reason.valueOf(a.get(REASON).stringValue()), Integer.parseInt(a.get(STATUS).stringValue()),
                    a.get(ERROR).stringValue());
        } else {
            why = record == null ? DeadRow.Why.unreadable() : new DeadRow.Why(DeadRow.Reason.RECEIVED_TOO_OFTEN, 0,
                    "moved by the queue's redrive policy: received more often than its maxReceiveCount");
        }
        Instant moved = a.containsKey(MOVED) ? Instant.ofEpochMilli(Long.parseLong(a.get(MOVED).stringValue())) : null;
        return new DeadRow(m.receiptHandle(), moved, why, m.body(), record);
    }

    /** Sends the rows back to the queue, then deletes them here: a crash in between leaves a row in both, never in neither. */
    void requeue(String dlq, List<DeadRow> rows) {
        SqsBatches.all("requeue", rows, (id, row) -> SendMessageBatchRequestEntry.builder().id(id).messageBody(row.body()).build(),
                e -> sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(e)).failed());
        SqsBatches.all("dead-letter delete", rows, (id, row) -> DeleteMessageBatchRequestEntry.builder().id(id)
                .receiptHandle(row.handle()).build(), e -> sqs.deleteMessageBatch(r -> r.queueUrl(dlq).entries(e)).failed());
    }

    void release(String dlq, List<DeadRow> rows) {
        SqsBatches.all("dead-letter release", rows, (id, row) -> ChangeMessageVisibilityBatchRequestEntry.builder().id(id)
                .receiptHandle(row.handle()).visibilityTimeout(0).build(),
                e -> sqs.changeMessageVisibilityBatch(r -> r.queueUrl(dlq).entries(e)).failed());
    }

    /** The dead-letter queue's approximate depth (visible and in flight). */
    long count(String dlq) {
        return sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values().stream()
                .mapToLong(Long::parseLong).sum();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

}
