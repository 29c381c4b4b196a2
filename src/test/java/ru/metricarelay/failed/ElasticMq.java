package ru.metricarelay.failed;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-compatible server (ElasticMQ) in this JVM on 127.0.0.1, random port, with the dead-letter
 * queue created. The relay finds its credentials through the SDK's default chain: dummy ones in the
 * aws.* system properties, as an operator's environment would provide real ones.
 */
public class ElasticMq implements QuarkusTestResourceLifecycleManager {

    public static final String REGION = "elasticmq";
    private static final Map<String, String> CREDENTIALS = Map.of("aws.accessKeyId", "test-key", "aws.secretAccessKey", "test-secret");

    private SQSRestServer server;
    private final Map<String, String> previous = new HashMap<>();

    @Override
    public Map<String, String> start() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        String endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        CREDENTIALS.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        String queueUrl;
        try (SqsClient sqs = client(endpoint)) {
            queueUrl = sqs.createQueue(r -> r.queueName("relay-failed-events")).queueUrl();
        }
        return Map.of("relay.failed-events.sink", "sqs",
                "relay.failed-events.sqs.queue-url", queueUrl,
                "relay.failed-events.sqs.endpoint", endpoint,
                "relay.failed-events.sqs.region", REGION);
    }

    /** A client of the test's own, to look at the queue. */
    public static SqsClient client(String endpoint) {
        return SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void stop() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        if (server != null) {
            server.stopAndWait();
        }
    }
}
