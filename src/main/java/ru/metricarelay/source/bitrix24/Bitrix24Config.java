package ru.metricarelay.source.bitrix24;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/**
 * Bitrix24 (relay.sources.bitrix24.*). Its webhooks carry only a deal or lead id, so the relay reads
 * the record from the portal's REST API through an incoming webhook (rest-url) — and only from there.
 */
@ConfigMapping(prefix = "relay.sources.bitrix24")
public interface Bitrix24Config extends SourceSettings {

    /**
     * The portal's incoming webhook with the crm scope, https://&lt;portal&gt;.bitrix24.ru/rest/&lt;user&gt;/&lt;code&gt;/.
     * The code is a password: the URL is never logged or shown.
     */
    Optional<String> restUrl();

    /** The portal's domain as Bitrix24 names it in auth[domain]; default: the host of rest-url. */
    Optional<String> domain();

    /**
     * The outgoing webhook's application token(s). When set, auth[application_token] must equal one of
     * them (several may be valid while you replace a webhook).
     */
    Optional<List<String>> applicationToken();

    /** The deal field (UF_CRM_...) that holds the ClientId; without it the first UF_CRM_* holding a valid ClientId. */
    Optional<String> clientIdField();

    /** The lead field (UF_CRM_...) that holds the ClientId; lead fields have their own ids. */
    Optional<String> leadClientIdField();

    /** Also read the deal's contact (crm.contact.get) for its phones and e-mails. */
    @WithDefault("true")
    boolean fetchContact();

    /** Connect and read timeout of one portal call. */
    @WithDefault("1500ms")
    Duration callTimeout();

    /** All portal calls for one webhook, retry included, end within this; keep it well under relay.deadline. */
    @WithDefault("2s")
    Duration fetchBudget();
}
