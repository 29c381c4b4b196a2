package ru.metricarelay.queue;

import java.util.HashMap;
import java.util.Map;

import ru.metricarelay.failed.ElasticMq;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ in this JVM with, besides the failed-events queue, the relay's queue and its dead-letter queue: a
 * message received {@link #MAX_RECEIVES} times moves there, as infra/ configures SQS and Yandex Message Queue.
 */
public class QueueElasticMq extends ElasticMq {

    static final int MAX_RECEIVES = 5;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String endpoint = config.get("relay.failed-events.sqs.endpoint");
        try (SqsClient sqs = client(endpoint)) {
            String dlqUrl = sqs.createQueue(r -> r.queueName("relay-queue-dlq")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String url = sqs.createQueue(r -> r.queueName("relay-queue").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}"))).queueUrl();
            config.put("relay.queue", "sqs");
            config.put("relay.queue.sqs.url", url);
            config.put("relay.queue.sqs.endpoint", endpoint);
            config.put("relay.queue.sqs.region", REGION);
            config.put("relay.queue.sqs.wait-time", "1s");
        }
        return config;
    }
}
