package ru.metricarelay.failed;

import java.util.ArrayList;
import java.util.List;

import ru.metricarelay.support.LiveProfile;

/** The live relay (loopback Metrica) with sink=sqs on an in-process ElasticMQ. */
public class SqsSinkProfile extends LiveProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(ElasticMq.class));
        return resources;
    }
}
