package ru.metricarelay.source.calltouch;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/**
 * Calltouch call webhooks (relay.sources.calltouch.*). The parameter names are picked in the
 * Calltouch UI, so each is configurable; the defaults are the names of docs/sources/calltouch.md and the sample.
 */
@ConfigMapping(prefix = "relay.sources.calltouch")
public interface CalltouchConfig extends SourceSettings {

    Fields fields();

    /** Values of the status field that mean the call was answered; any other value is a missed call. */
    @WithDefault("successful")
    List<String> answeredStatuses();

    /** Tag (Metrica's Tag column) written for calls whose target field is true. */
    @WithDefault("target")
    String targetTag();

    /** How calltime is written; unix seconds and ISO-8601 are accepted too. */
    @WithDefault("dd/MM/yyyy HH:mm:ss")
    String timeFormat();

    /**
     * callphase values that become calls; unset = every webhook. Calltouch can fire at the start, the
     * end and when the recording is ready: Metrica keeps every uploaded call, so let one phase through.
     */
    Optional<List<String>> phases();

    /**
     * Where each value is read: a list of parameter names, the first present wins, matched exactly or
     * else ignoring case. The defaults hold the webhook's names and the calls API's (callerNumber,
     * date, waitingConnect, uniqueCall, successful); docs/sources/calltouch.md says which are confirmed.
     */
    interface Fields {
        /** The call id: the event id, so the same call sent again is the same event. */
        @WithDefault("callId,call_id")
        List<String> callId();

        /** Metrica's ClientId (present when Calltouch's Metrica integration is on). Not ctClientId (Calltouch's), not clientId (Google's). */
        @WithDefault("yaClientId")
        List<String> clientId();

        @WithDefault("yclid")
        List<String> yclid();

        /** The landing page; its yclid= parameter is used when there is no yclid field. */
        @WithDefault("url")
        List<String> landingUrl();

        /** The page the call came from (Metrica's URL column); the landing page when absent. */
        @WithDefault("callUrl")
        List<String> callUrl();

        /** The caller. (phonenumber / phoneNumber is the tracking number the caller dialled.) */
        @WithDefault("callerphone,callerNumber")
        List<String> phone();

        @WithDefault("calltime,date")
        List<String> time();

        @WithDefault("duration")
        List<String> talkSeconds();

        @WithDefault("waiting_connect,waitingConnect")
        List<String> holdSeconds();

        /** successful (or a true flag, as the API's successful=true) = answered; anything else = missed. */
        @WithDefault("status,successful")
        List<String> status();

        /** true = first call from this number (FirstTimeCaller). */
        @WithDefault("unique,uniqueCall")
        List<String> firstTime();

        /** true = a target call (Tag = target-tag). */
        @WithDefault("targetCall")
        List<String> target();

        @WithDefault("callphase")
        List<String> phase();
    }
}
