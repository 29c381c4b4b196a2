package ru.metricarelay.queue;

import java.util.List;

import ru.metricarelay.support.MetricaStandIn;

/** Queued mode on SQS (an in-process ElasticMQ); failed events on SQS too. */
public class SqsQueueProfile extends QueuedProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MetricaStandIn.class), new TestResourceEntry(QueueElasticMq.class));
    }
}
