package ru.metricarelay.source.roistat;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.Output;

/**
 * Roistat (relay.sources.roistat.*): the call-tracking webhook (POST JSON) and the "Своя CRM" lead
 * hook (GET, action=lead). The lead hook's token is md5(login + password): set token-md5, or login
 * and password, to have it checked; unset, the check is off (a WARN at start-up says so).
 */
@ConfigMapping(prefix = "relay.sources.roistat")
public interface RoistatConfig extends SourceSettings {

    Fields fields();

    /** md5(login + password), lower-case hex, as Roistat sends it in token. Wins over login/password. */
    Optional<String> tokenMd5();

    /** The Roistat project's integration login and password, to compute the expected token. */
    Optional<String> login();

    /** The integration password that goes with login (never logged). */
    Optional<String> password();

    /** What a CRM lead becomes: ORDER (a CDP order in IN_PROGRESS, the default), SIMPLE_ORDER, CONVERSION, or IGNORED. */
    @WithDefault("ORDER")
    Output leadOutput();

    /** Call status values that mean answered; any other status (BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL, ...) is a missed call. */
    @WithDefault("ANSWER")
    List<String> answeredStatuses();

    /** Status values of a call still going on: neither answered nor missed yet. */
    @WithDefault("ACTIVE")
    List<String> inProgressStatuses();

    /** Keys of the call-tracking JSON. */
    interface Fields {
        /** The call id: the event id, so the during-call and after-call webhooks are one event. */
        @WithDefault("id")
        String id();

        /** The caller; callee is the tracking number. */
        @WithDefault("caller")
        String phone();

        @WithDefault("date")
        String time();

        /** The landing page: the URL column, and its yclid= parameter. */
        @WithDefault("landing_page")
        String landingUrl();

        /**
         * The visitor's Metrica ClientId: metrika_client_id, which Roistat's call webhook carries, then
         * the custom parameters a site may use instead (roistat_param_1). The first valid one wins;
         * also looked up in a CRM lead's query and data.
         */
        @WithDefault("metrika_client_id,roistat_param_1")
        List<String> clientId();

        @WithDefault("yclid")
        String yclid();

        /** Metrica's Tag column: Roistat's marker (the visit's source). */
        @WithDefault("marker")
        String tag();

        /** After the call: ANSWER, or another status = missed. */
        @WithDefault("status")
        String status();

        /** After the call: the whole call in seconds, ringing included; TalkDuration when answered. */
        @WithDefault("duration")
        String duration();
    }
}
