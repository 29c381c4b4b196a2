package ru.metricarelay.source.amocrm;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.source.Json;

/**
 * The expected-account check (docs/architecture.md#inbound-http). amoCRM signs nothing; the relay secret in the URL is the
 * real guard, and this stops a leaked URL from being fed another account's webhooks. With both
 * lists empty there is no check. Otherwise the webhook must name an allowed account (its subdomain
 * or its id), and neither of the two it names may be a foreign one. 2016–2018 senders send no
 * account[id]: list their subdomain.
 */
record AccountCheck(Set<String> subdomains, Set<String> accountIds) {

    static AccountCheck of(AmocrmConfig config) {
        return new AccountCheck(normalized(config.allowedSubdomains().orElse(List.of()), AccountCheck::subdomain),
                normalized(config.allowedAccountIds().orElse(List.of()), String::trim));
    }

    boolean enabled() {
        return !subdomains.isEmpty() || !accountIds.isEmpty();
    }

    void verify(JsonNode payload) {
        if (!enabled()) {
            return;
        }
        JsonNode account = payload.path("account");
        String subdomain = Json.text(account.get("subdomain"));
        String id = Json.text(account.get("id"));
        boolean subdomainAllowed = subdomain != null && subdomains.contains(subdomain(subdomain));
        boolean idAllowed = id != null && accountIds.contains(id);
        boolean foreignSubdomain = subdomain != null && !subdomains.isEmpty() && !subdomainAllowed;
        boolean foreignId = id != null && !accountIds.isEmpty() && !idAllowed;
        if ((subdomainAllowed || idAllowed) && !foreignSubdomain && !foreignId) {
            return;
        }
        // the account names come from the request: not echoed back
        throw RelayProblem.unauthorized("the webhook's account[subdomain] / account[id] is not an allowed amoCRM account"
                + " (relay.sources.amocrm.allowed-subdomains, relay.sources.amocrm.allowed-account-ids)");
    }

    /** "ExampleShop", "exampleshop.amocrm.ru" and "https://exampleshop.kommo.com" are one subdomain. */
    static String subdomain(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
        int dot = s.indexOf('.');
        return dot < 0 ? s : s.substring(0, dot);
    }

    private static Set<String> normalized(List<String> values, java.util.function.UnaryOperator<String> norm) {
        return values.stream().filter(v -> v != null && !v.isBlank()).map(norm).collect(Collectors.toUnmodifiableSet());
    }
}
