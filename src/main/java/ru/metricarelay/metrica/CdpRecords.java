package ru.metricarelay.metrica;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** JSON bodies of the CDP uploads (docs/architecture.md#metrica-facts-the-builder-relies-on), field names as Metrica spells them. */
public final class CdpRecords {

    private CdpRecords() {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Contact(String uniqId, List<String> clientIds, List<String> userIds, List<String> phones,
            List<String> emails, List<String> phonesMd5, List<String> emailsMd5) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Order(String id, String clientUniqId, String clientType, String orderStatus,
            String createDateTime, String updateDateTime, BigDecimal revenue, BigDecimal cost, String currency,
            List<Goal> goals, BigInteger yclid) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Goal(String goalActionId, BigDecimal price) {
    }

    @RegisterForReflection
    public record ContactsUpload(List<Contact> contacts) {
    }

    @RegisterForReflection
    public record OrdersUpload(List<Order> orders) {
    }
}
