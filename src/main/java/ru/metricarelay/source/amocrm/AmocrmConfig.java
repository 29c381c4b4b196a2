package ru.metricarelay.source.amocrm;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/**
 * amoCRM / Kommo (relay.sources.amocrm.*). Custom fields are matched by their {@code code} or
 * {@code name}, case-insensitive, never by {@code id}: ids differ per account, codes and names are
 * what users type when they create the field.
 */
@ConfigMapping(prefix = "relay.sources.amocrm")
public interface AmocrmConfig extends SourceSettings {

    /** Lead/contact custom fields that hold the Metrica ClientId (_ym_uid), in priority order: the first valid value wins. */
    @WithDefault("_YM_UID,YM_UID,YM_CLIENT_ID,CLIENTID,CLIENT_ID,METRIKA_CLIENT_ID")
    List<String> clientIdFields();

    /** Custom fields that hold a yclid; besides these, any field value with a yclid= parameter is read as a URL. */
    @WithDefault("YCLID")
    List<String> yclidFields();

    /** Contact custom fields with phone numbers (amoCRM's built-in field has code PHONE). */
    @WithDefault("PHONE")
    List<String> phoneFields();

    /** Contact custom fields with e-mail addresses (built-in code EMAIL). */
    @WithDefault("EMAIL")
    List<String> emailFields();

    /** contacts[add|update] become CDP contact upserts (output CONTACT); false skips them (reason contacts_disabled). */
    @WithDefault("true")
    boolean upsertContacts();

    /** Accept only webhooks whose account[subdomain] is one of these (empty: no check). */
    Optional<List<String>> allowedSubdomains();

    /** Accept only webhooks whose account[id] is one of these (empty: no check). */
    Optional<List<String>> allowedAccountIds();
}
