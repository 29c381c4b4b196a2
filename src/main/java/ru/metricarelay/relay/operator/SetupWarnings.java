package ru.metricarelay.relay.operator;

import java.util.Optional;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.failed.FailedEvents;
import ru.metricarelay.failed.FailedEventsConfig;
import ru.metricarelay.source.mango.MangoAdapter;
import ru.metricarelay.source.mango.MangoConfig;
import ru.metricarelay.source.roistat.RoistatAdapter;
import ru.metricarelay.source.roistat.RoistatConfig;

/**
 * What an operator must hear at start-up about the features' setup, read from their configuration
 * only: observing the start-up event in the adapters or the sink would build them (and Jackson)
 * before the port opens, for nothing a webhook needs yet (docs/performance.md).
 */
@Singleton
public class SetupWarnings {

    private static final Logger LOG = Logger.getLogger(SetupWarnings.class);

    void onStart(@Observes StartupEvent event, MangoConfig mango, RoistatConfig roistat, FailedEventsConfig failed) {
        Optional<String> problem = FailedEvents.setupProblem(failed);
        if (problem.isPresent()) {
            throw new ConfigurationException(problem.get());
        }
        MangoAdapter.setupWarning(mango).ifPresent(LOG::warn);
        RoistatAdapter.setupWarning(roistat).ifPresent(LOG::warn);
    }
}
