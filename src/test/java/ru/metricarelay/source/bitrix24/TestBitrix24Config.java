package ru.metricarelay.source.bitrix24;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ru.metricarelay.event.Output;

/** A plain {@link Bitrix24Config} for tests without a Quarkus boot; routing keys at their defaults. */
record TestBitrix24Config(Optional<String> restUrl, Optional<String> domain, Optional<List<String>> applicationToken,
        Optional<String> clientIdField) implements Bitrix24Config {

    static TestBitrix24Config of(String restUrl, String domain, String... tokens) {
        return new TestBitrix24Config(Optional.ofNullable(restUrl), Optional.ofNullable(domain),
                tokens.length == 0 ? Optional.empty() : Optional.of(List.of(tokens)), Optional.of("UF_CRM_1739432591418"));
    }

    public Optional<String> leadClientIdField() {
        return Optional.empty();
    }

    public boolean fetchContact() {
        return true;
    }

    public Duration callTimeout() {
        return Duration.ofMillis(1500);
    }

    public Duration fetchBudget() {
        return Duration.ofSeconds(2);
    }

    public Output output() {
        return Output.ORDER;
    }

    public Map<String, String> statusMap() {
        return Map.of("S", "PAID", "F", "CANCELLED", "LEAD_S", "IN_PROGRESS", "LEAD_F", "CANCELLED");
    }

    public String defaultStatus() {
        return "IN_PROGRESS";
    }

    public List<String> revenueStatuses() {
        return List.of("PAID");
    }

    public Map<String, List<String>> goals() {
        return Map.of();
    }

    public String target() {
        return "relay_conversion";
    }

    public String currency() {
        return "RUB";
    }

    public String account() {
        return "default";
    }

    public Optional<String> chatPlatform() {
        return Optional.empty();
    }


    public Optional<String> timeZone() {

        return Optional.empty();

    }
}
