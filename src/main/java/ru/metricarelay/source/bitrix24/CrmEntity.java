package ru.metricarelay.source.bitrix24;

/**
 * The CRM records a Bitrix24 webhook can point at, and how each is read. Deal and lead ids are separate
 * sequences on a portal, so a lead's id gets a prefix: deal 5 and lead 5 must not be one Metrica order.
 *
 * @param method        the REST method that reads one record by id
 * @param semanticField the record's stage group: P in progress, S success, F failure
 * @param statusPrefix  put before the stage group to make the status routing maps (lead S is a
 *                      conversion to a deal, not a sale: LEAD_S must not count as PAID)
 */
enum CrmEntity {
    DEAL("crm.deal.get", "STAGE_SEMANTIC_ID", "", ""),
    LEAD("crm.lead.get", "STATUS_SEMANTIC_ID", "lead:", "LEAD_");

    final String method;
    final String semanticField;
    final String idPrefix;
    final String statusPrefix;

    CrmEntity(String method, String semanticField, String idPrefix, String statusPrefix) {
        this.method = method;
        this.semanticField = semanticField;
        this.idPrefix = idPrefix;
        this.statusPrefix = statusPrefix;
    }

    /** The event names that mean "this record was created or changed". */
    static CrmEntity ofEvent(String event) {
        return switch (event) {
            case "ONCRMDEALADD", "ONCRMDEALUPDATE" -> DEAL;
            case "ONCRMLEADADD", "ONCRMLEADUPDATE" -> LEAD;
            default -> null;
        };
    }

    String label() {
        return this == DEAL ? "deal" : "lead";
    }
}
