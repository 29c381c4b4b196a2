package ru.metricarelay.metrica;

import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;

/**
 * Which visitor id column a management upload uses: the first the event has of ClientId, Yclid, UserId.
 * {@link UploadBuilder} groups records by it; {@link ManagementBodies} writes it as the first column.
 */
enum VisitorId {
    CLIENT_ID("ClientId", "CLIENT_ID"), YCLID("Yclid", "YCLID"), USER_ID("UserId", "USER_ID"), NONE("-", "-");

    final String column;
    final String type;

    VisitorId(String column, String type) {
        this.column = column;
        this.type = type;
    }

    static VisitorId of(Output output, Identity id) {
        if (output == Output.ORDER || output == Output.SIMPLE_ORDER || output == Output.CONTACT) {
            return NONE; // CDP uploads carry every identity in one row: one batch
        }
        return id.clientId() != null ? CLIENT_ID : id.yclid() != null ? YCLID : id.userId() != null ? USER_ID : NONE;
    }

    String value(Identity id) {
        return switch (this) {
            case CLIENT_ID -> id.clientId();
            case YCLID -> id.yclid();
            case USER_ID -> id.userId();
            case NONE -> null;
        };
    }
}
