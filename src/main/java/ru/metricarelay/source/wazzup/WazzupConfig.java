package ru.metricarelay.source.wazzup;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import ru.metricarelay.config.SourceSettings;

/** Wazzup messenger webhooks (relay.sources.wazzup.*). */
@ConfigMapping(prefix = "relay.sources.wazzup")
public interface WazzupConfig extends SourceSettings {

    /**
     * The crmKey given to Wazzup with the webhook URL; Wazzup sends it as Authorization: Bearer &lt;crmKey&gt;.
     * Several values are all valid (rotation). Unset: no check beyond the relay secret.
     */
    Optional<List<String>> crmKey();

    /**
     * Text that precedes the ClientId in the pre-filled first message, e.g. "Код:" for
     * "Здравствуйте! Код: 1674202831464027743". Unset: the first 17–20 digit run that is a valid
     * ClientId anywhere in the text.
     */
    Optional<String> clientIdMarker();
}
