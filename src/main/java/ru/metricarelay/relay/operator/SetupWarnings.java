package ru.metricarelay.relay.operator;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.failed.FailedEvents;
import ru.metricarelay.failed.FailedEventsConfig;
import ru.metricarelay.source.mango.MangoAdapter;
import ru.metricarelay.source.mango.MangoConfig;
import ru.metricarelay.source.max.MaxAdapter;
import ru.metricarelay.source.max.MaxConfig;
import ru.metricarelay.source.roistat.RoistatAdapter;
import ru.metricarelay.source.roistat.RoistatConfig;
import ru.metricarelay.source.vk.VkAdapter;
import ru.metricarelay.source.vk.VkConfig;

/**
 * What an operator must hear at start-up about the features' setup, and what refuses the start (a failed-events
 * sink that cannot work, a VK community open to anyone, chats Metrica has no platform for), read from their configuration
 * only: observing the start-up event in the adapters or the sink would build them (and Jackson)
 * before the port opens, for nothing a webhook needs yet (docs/performance.md).
 */
@Singleton
public class SetupWarnings {

    private static final Logger LOG = Logger.getLogger(SetupWarnings.class);

    void onStart(@Observes StartupEvent event, MangoConfig mango, RoistatConfig roistat, FailedEventsConfig failed,
            VkConfig vk, MaxConfig max, DeliveryMode mode) {
        List<String> problems = new ArrayList<>();
        FailedEvents.setupProblem(failed).ifPresent(problems::add);
        problems.addAll(VkAdapter.setupProblems(vk, !mode.dryRun()));
        MaxAdapter.setupProblem(max).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
        MangoAdapter.setupWarning(mango).ifPresent(LOG::warn);
        RoistatAdapter.setupWarning(roistat).ifPresent(LOG::warn);
    }
}
