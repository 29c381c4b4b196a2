package ru.metricarelay.source.yclients;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import ru.metricarelay.config.SourceSettings;

/**
 * YCLIENTS bookings (relay.sources.yclients.*). The record's attendance reaches the status map as a word
 * (arrived, no_show, waiting, confirmed; a deleted record as deleted), so the shipped map reads like
 * YCLIENTS' own journal: docs/sources/yclients.md.
 */
@ConfigMapping(prefix = "relay.sources.yclients")
public interface YclientsConfig extends SourceSettings {

    /**
     * Codes of record or client custom fields (and booking-URL parameters) that hold the Metrica ClientId, besides
     * the well-known names identity discovery uses (_ym_uid, ym_uid, metrika_client_id, ClientID, ...).
     */
    Optional<List<String>> clientIdFields();
}
