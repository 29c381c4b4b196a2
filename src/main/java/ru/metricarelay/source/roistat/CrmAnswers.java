package ru.metricarelay.source.roistat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ru.metricarelay.answer.Result;
import ru.metricarelay.event.Digits;

/**
 * The answers Roistat's "Своя CRM" protocol expects (docs/sources/roistat.md): an order id for a
 * lead, and a valid empty scheme, export or client list for the polls the relay has nothing for,
 * so the integration never shows as failing. The relay is not a CRM: it keeps no deals to export.
 */
final class CrmAnswers {

    /** Metrica's own order statuses, as a Roistat status list (import_scheme, export). */
    static final List<Map<String, String>> STATUSES = List.of(
            Map.of("id", "IN_PROGRESS", "name", "В работе"),
            Map.of("id", "PAID", "name", "Оплачен"),
            Map.of("id", "CANCELLED", "name", "Отменён"));
    static final int DEFAULT_LIMIT = 50;

    private CrmAnswers() {
    }

    static Map<String, Object> of(String action, String limit, List<Result> results) {
        String first = results.isEmpty() ? null : results.get(0).eventId();
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (action == null ? "" : action.toLowerCase(Locale.ROOT)) {
            case "lead" -> {
                answer.put("status", "ok");
                answer.put("order_id", first);
            }
            case "import_scheme" -> scheme(answer);
            case "export" -> {
                scheme(answer);
                answer.put("orders", List.of());
                answer.put("pagination", pagination(limit));
            }
            case "export_clients" -> {
                answer.put("clients", List.of());
                answer.put("pagination", pagination(limit));
            }
            case "task" -> {
                answer.put("status", "ok");
                answer.put("task_id", first);
            }
            case "call" -> {
                answer.put("status", "ok");
                answer.put("call_id", first);
            }
            default -> answer.put("status", "ok"); // message, and actions Roistat may add
        }
        return answer;
    }

    private static void scheme(Map<String, Object> answer) {
        answer.put("statuses", STATUSES);
        answer.put("fields", List.of());
        answer.put("managers", List.of());
    }

    /** total_count must be the same on every page: 0, as the relay keeps no deals. */
    private static Map<String, Object> pagination(String limit) {
        int size = limit != null && Digits.only(limit, 1, 4) && Integer.parseInt(limit) > 0 ? Integer.parseInt(limit) : DEFAULT_LIMIT;
        return Map.of("total_count", 0, "limit", size);
    }
}
