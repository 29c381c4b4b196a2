package ru.metricarelay.source.wazzup;

import java.util.List;

import ru.metricarelay.inbound.RelayProblem;
import ru.metricarelay.inbound.SecretSet;

/**
 * Wazzup's only authentication (vendors.md §8): {@code Authorization: Bearer <crmKey>}, matched in
 * constant time against every configured key ({@link SecretSet}), never echoed.
 */
record CrmKey(SecretSet keys) {

    static CrmKey of(List<String> keys) {
        return new CrmKey(SecretSet.of(keys));
    }

    boolean enabled() {
        return !keys.isEmpty();
    }

    void verify(String authorization) {
        if (!enabled()) {
            return;
        }
        String value = authorization == null ? "" : authorization.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw RelayProblem.unauthorized("missing Authorization: Bearer <crmKey> (relay.sources.wazzup.crm-key)");
        }
        if (!keys.matches(value.substring(7).trim())) {
            throw RelayProblem.unauthorized("wrong crmKey in Authorization: Bearer (relay.sources.wazzup.crm-key)");
        }
    }
}
