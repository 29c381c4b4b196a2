package ru.metricarelay.source.jivo;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/** Jivo chat webhooks (relay.sources.jivo.*). */
@ConfigMapping(prefix = "relay.sources.jivo")
public interface JivoConfig extends SourceSettings {

    /**
     * Which chat events become events: chat_accepted, chat_updated, chat_finished, offline_message.
     * One chat fires several of them and Metrica does not merge repeated conversions, so the default
     * takes one per conversation: the accepted chat, or the offline message left instead of a chat.
     */
    @WithDefault("chat_accepted,offline_message")
    List<String> events();

    /** custom_data entries (by title/key, ignoring case) that may hold the ClientId; user_token is read first. */
    @WithDefault("_ym_uid,ym_uid,ClientId,client_id,ym_client_id")
    List<String> clientIdKeys();

    /** custom_data entries that may hold a yclid; page.url's yclid= parameter is read too. */
    @WithDefault("yclid")
    List<String> yclidKeys();
}
