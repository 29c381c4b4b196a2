package ru.metricarelay.source.generic;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/**
 * The generic JSON source: where each canonical field sits in the sender's JSON, as JSON Pointers
 * (RFC 6901), e.g. relay.sources.generic.fields.client-id=/visitor/ym_uid. The defaults read a
 * flat body: {"deal_id":"A-17","client_id":"1674202831464027743","status":"PAID","revenue":4500}.
 */
@ConfigMapping(prefix = "relay.sources.generic")
public interface GenericConfig extends SourceSettings {

    Fields fields();

    /**
     * Standard Webhooks signing secrets (whsec_...). When set, every request must carry valid
     * webhook-id, webhook-timestamp (±5 min) and webhook-signature headers, or Svix's svix-id,
     * svix-timestamp and svix-signature (the same check; webhook-* wins when both are sent); several
     * secrets may be valid at once, for rotation.
     */
    Optional<List<String>> signingSecret();

    interface Fields {
        @WithDefault("/client_id")
        String clientId();

        @WithDefault("/yclid")
        String yclid();

        /** A landing page URL whose yclid= parameter is used when there is no yclid field. */
        @WithDefault("/landing_url")
        String landingUrl();

        @WithDefault("/user_id")
        String userId();

        @WithDefault("/contact_id")
        String contactId();

        /** A phone or an array of phones. */
        @WithDefault("/phone")
        String phone();

        /** An e-mail or an array of e-mails. */
        @WithDefault("/email")
        String email();

        @WithDefault("/deal_id")
        String dealId();

        @WithDefault("/account")
        String account();

        @WithDefault("/status")
        String status();

        @WithDefault("/revenue")
        String revenue();

        @WithDefault("/cost")
        String cost();

        @WithDefault("/currency")
        String currency();

        /** Unix seconds/ms, ISO-8601, or yyyy-MM-dd HH:mm:ss in the counter time zone. */
        @WithDefault("/created_at")
        String createdAt();

        @WithDefault("/updated_at")
        String updatedAt();

        /** ["goal_a", {"id":"goal_b","price":100}] or "goal_a,goal_b:100". For CONVERSION the first is the Target. */
        @WithDefault("/goals")
        String goals();

        /** Lets the sender pick the record per event: ORDER, SIMPLE_ORDER, CONVERSION, CALL, CHAT or CONTACT. */
        @WithDefault("/output")
        String output();

        /** Calls: the caller's phone, durations in seconds, missed / first-time flags, tag, page URL. */
        @WithDefault("/call/phone")
        String callPhone();

        @WithDefault("/call/talk_seconds")
        String callTalkSeconds();

        @WithDefault("/call/hold_seconds")
        String callHoldSeconds();

        @WithDefault("/call/missed")
        String callMissed();

        @WithDefault("/call/first_time")
        String callFirstTime();

        @WithDefault("/call/tag")
        String callTag();

        @WithDefault("/call/url")
        String callUrl();

        /** Chats: platform (whatsapp, telegram, viber), the user's id and username in it. */
        @WithDefault("/chat/platform")
        String chatPlatform();

        @WithDefault("/chat/user_id")
        String chatUserId();

        @WithDefault("/chat/username")
        String chatUsername();
    }
}
