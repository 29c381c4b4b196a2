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
        warnings(relay).forEach(LOG::warn);
        if (DeliveryMode.of(metrica, relay).dryRun()) {
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

    /** What start-up warns about: a relay anyone may post to, a secret short enough to guess. */
    public static List<String> warnings(RelayConfig relay) {
        List<String> secrets = relay.secret().orElse(List.of()).stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
        if (secrets.isEmpty()) {
            return List.of("RELAY_SECRET is not set: authentication is OFF, anyone who reaches this port can post webhooks"
                    + " (dry-run only shows them; with a token they would be sent). Set RELAY_SECRET before exposing the relay");
        }
        if (secrets.stream().anyMatch(v -> v.length() < SecretSet.MIN_LENGTH)) {
            return List.of("a RELAY_SECRET value is shorter than " + SecretSet.MIN_LENGTH
                    + " characters: use a long random secret (openssl rand -hex 24)");
        }
        return List.of();
    }
}
