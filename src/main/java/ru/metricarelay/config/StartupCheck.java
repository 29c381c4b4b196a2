package ru.metricarelay.config;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Refuses to start with a configuration that would send data nowhere or accept anyone's webhooks. */
@Singleton
public class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class);

    void onStart(@Observes StartupEvent event, MetricaConfig metrica, RelayConfig relay) {
        List<String> problems = problems(metrica, relay);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
        if (isDryRun(metrica, relay)) {
            LOG.info("Metrica Relay runs in DRY-RUN mode: nothing is sent to Metrica; responses show the requests it would send");
        } else {
            LOG.infof("Metrica Relay sends to counter %d at %s", metrica.counterId().orElseThrow(), metrica.apiUrl());
        }
    }

    /** Each entry is one line a newcomer can act on; empty when the configuration is usable. */
    public static List<String> problems(MetricaConfig metrica, RelayConfig relay) {
        List<String> problems = new ArrayList<>();
        boolean tokenSet = metrica.token().filter(t -> !t.isBlank()).isPresent();
        if (tokenSet && metrica.counterId().isEmpty()) {
            problems.add("METRICA_TOKEN is set but METRICA_COUNTER_ID is not: set the counter id to send data, or unset the token for dry-run");
        }
        boolean secretSet = relay.secret().filter(s -> s.stream().anyMatch(v -> !v.isBlank())).isPresent();
        if (tokenSet && !relay.dryRun() && !secretSet && !relay.allowUnauthenticated()) {
            problems.add("METRICA_TOKEN is set but RELAY_SECRET is not: anyone could post to your counter; set RELAY_SECRET or RELAY_ALLOW_UNAUTHENTICATED=true");
        }
        return problems;
    }

    public static boolean isDryRun(MetricaConfig metrica, RelayConfig relay) {
        return relay.dryRun() || metrica.token().filter(t -> !t.isBlank()).isEmpty();
    }
}
