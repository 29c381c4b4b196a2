package ru.metricarelay.source.mango;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/**
 * Mango Office VPBX API events (relay.sources.mango.*). With both api-key and api-salt set, every
 * request must carry Mango's sign; with either unset the check is off (a WARN at start-up says so).
 */
@ConfigMapping(prefix = "relay.sources.mango")
public interface MangoConfig extends SourceSettings {

    /** The VPBX's unique code (vpbx_api_key): requests must carry exactly this key. */
    Optional<String> apiKey();

    /** The VPBX's signing key (vpbx_api_salt): sign = sha256(api_key + json + api_salt). */
    Optional<String> apiSalt();

    /** Event paths Mango appends to the URL that become calls; events/summary is sent once, when a call ends. */
    @WithDefault("events/summary")
    List<String> events();

    /** call_direction values that become calls: 1 incoming, 2 outgoing, 0 internal. */
    @WithDefault("1")
    List<String> directions();
}
