package ru.metricarelay.source.retailcrm;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.metricarelay.config.SourceSettings;

/**
 * RetailCRM orders from the trigger action "HTTP request" (relay.sources.retailcrm.*). The parameter names are the
 * ones docs/sources/retailcrm.md tells the user to paste (RetailCRM's own order fields), so they are not settings.
 * status-map holds RetailCRM's symbolic status codes (complete, cancel-other, ...); local date-times are read in
 * time-zone, the account's zone (unset: the counter's).
 */
@ConfigMapping(prefix = "relay.sources.retailcrm")
public interface RetailcrmConfig extends SourceSettings {

    /**
     * Families of status codes: a code that starts with one of these and has no status-map entry of its own is
     * mapped by the prefix's entry (cancel-other → status-map.cancel → CANCELLED). The longest prefix wins; each
     * prefix needs its status-map entry.
     */
    @WithDefault("cancel")
    List<String> statusPrefixes();
}
