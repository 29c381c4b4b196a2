package ru.metricarelay.source.uis;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/**
 * UIS / CoMagic / CallGear event notifications (relay.sources.uis.*). The body is a template the
 * customer writes in the UIS UI, so every key is configurable; the defaults are UIS's own
 * placeholder names (docs/sources/uis.md), each key being the placeholder's name.
 */
@ConfigMapping(prefix = "relay.sources.uis")
public interface UisConfig extends SourceSettings {

    Fields fields();

    /** notification_mnemonic values that become calls; other notifications are skipped. */
    @WithDefault("call_finished")
    List<String> notifications();

    /** direction values that become calls: in = incoming. Outgoing calls are not call-tracking conversions. */
    @WithDefault("in")
    List<String> directions();

    interface Fields {
        /** The call id: the event id. */
        @WithDefault("call_session_id")
        String callId();

        @WithDefault("notification_mnemonic")
        String notification();

        /** When the call started; notification_time (when it ended) is used when absent. */
        @WithDefault("start_time")
        String startTime();

        @WithDefault("notification_time")
        String time();

        /** The caller (the client); virtual_phone_number is the tracking number. */
        @WithDefault("contact_phone_number")
        String phone();

        @WithDefault("talk_time_duration")
        String talkSeconds();

        @WithDefault("wait_time_duration")
        String holdSeconds();

        @WithDefault("direction")
        String direction();

        /** The ordinal of this contact's communication: 1 = a first-time caller. */
        @WithDefault("communication_number")
        String communicationNumber();

        @WithDefault("tag_names")
        String tags();

        /** Only present when the customer's template has it: UIS documents no ClientId placeholder. */
        @WithDefault("ym_client_id")
        String clientId();

        @WithDefault("yclid")
        String yclid();

        /** The landing page (URL column; its yclid= parameter is used): the first of these keys present. */
        @WithDefault("landing_page,url")
        List<String> landingUrl();
    }
}
