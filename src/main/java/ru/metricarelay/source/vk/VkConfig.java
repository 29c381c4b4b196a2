package ru.metricarelay.source.vk;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import ru.metricarelay.source.DeepLinkSettings;

/** A VK community's Callback API server (relay.sources.vk.*): vk.me links with ?ref= carrying the visitor's ClientId. */
@ConfigMapping(prefix = "relay.sources.vk")
public interface VkConfig extends DeepLinkSettings {

    /**
     * The string VK's Callback API settings ask the server to return: the answer to type=confirmation. Unset: VK is
     * not connected (a confirmation is answered "ok", which VK refuses).
     */
    Optional<String> confirmation();

    /**
     * The Callback API server's "Secret key"; VK sends it as the body's secret field. Several values are all valid
     * (rotation). Unset: no check beyond the relay secret, which a relay with METRICA_TOKEN and a confirmation
     * refuses to start with.
     */
    Optional<List<String>> secret();

    /** The community (group_id) whose events are taken; another community's are refused (401). Unset: any. */
    Optional<Long> groupId();
}
