package ru.metricarelay.config;

import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and as whom we talk to Metrica (docs/architecture.md#configuration). Env: METRICA_TOKEN, METRICA_COUNTER_ID, ... */
@ConfigMapping(prefix = "metrica")
public interface MetricaConfig {

    /** OAuth token. Absent = dry-run. Never logged: it only leaves the process in the Authorization header. */
    Optional<String> token();

    /** Counter id; required once a token is set (checked at start-up by {@link StartupCheck}). */
    Optional<Long> counterId();

    /** Base URL of the Metrica APIs: MetricaClients builds the REST clients on it. Tests point it at a stand-in. */
    @WithDefault("https://api-metrika.yandex.net")
    String apiUrl();

    /** The counter's time zone: CDP dates are local date-times in it. */
    @WithDefault("Europe/Moscow")
    ZoneId timezone();
}
