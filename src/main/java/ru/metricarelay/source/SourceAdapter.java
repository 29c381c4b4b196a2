package ru.metricarelay.source;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.Result;
import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;

/**
 * One sender (amoCRM, Tilda, ...): turns its webhook into canonical events. Implementations are
 * CDI beans in source/&lt;vendor&gt;/, found by {@link #name()}, the {source} path segment.
 */
public interface SourceAdapter {

    /** The path segment: /hooks/{name}. */
    String name();

    /** This source's routing settings (relay.sources.&lt;name&gt;.*). */
    SourceSettings settings();

    /**
     * Source-native authentication on top of the relay secret (Telegram secret token, Mango sign,
     * Bitrix24 application_token, ...). Throw {@code RelayProblem.unauthorized(...)} to refuse.
     */
    default void authenticate(InboundRequest request) {
    }

    /**
     * Reads the request into events (one per deal, lead, call, message) or skipped entries.
     * Throw {@code RelayProblem.unprocessable(field, ...)} for a readable request that this source cannot accept.
     * A Uni, so adapters that must fetch data (Bitrix24's crm.deal.get) stay non-blocking.
     */
    Uni<List<SourceItem>> read(InboundRequest request);

    /**
     * First segments of a path the sender appends to the URL it is given (Mango appends
     * /events/summary): /hooks/{name}/events/summary and /hooks/{name}/{secret}/events/summary then
     * reach this adapter with {@code InboundRequest.subPath()} "events/summary". Empty (the default):
     * any extra path is 404. A relay secret cannot equal one of these names.
     */
    default Set<String> subPaths() {
        return Set.of();
    }

    /**
     * Every kind of record this source's events may become with the current settings; doctor checks the
     * counter for what they need (docs/architecture.md#operator-tools). By default the configured output.
     */
    default Set<Output> outputs() {
        return Set.of(settings().output());
    }

    /** The JavaScript-event goals its CONVERSION records may name as Target: by default the configured target. */
    default Set<String> targets() {
        return Set.of(settings().target());
    }

    /** The setting (under relay.sources.&lt;name&gt;.) that names the {@link #targets()} beyond target, as doctor quotes it. */
    default String targetsSetting() {
        return "form-targets";
    }

    /**
     * A body that is not valid JSON, repaired the way this sender's known mistakes can be (UIS
     * templates with quoted placeholders): the repaired text, or null for the usual 400. May refuse
     * with a 422 that says how to fix the sender's setup.
     */
    default String repairJson(String body) {
        return null;
    }

    /**
     * Where this source reads the visitor's ClientId, as a user would name the fields (a parameter,
     * a JSON Pointer, "COOKIES: _ym_uid"): listed in an IGNORED/no_identity answer so a user sees
     * where the relay looked (docs/architecture.md#identity).
     */
    default List<String> clientIdFields() {
        return List.of();
    }

    /**
     * Fields added to the 200 answer, for senders that expect their own: Jivo wants "result":"ok",
     * Roistat's CRM protocol an order id or an empty scheme.
     */
    default Map<String, Object> answerExtras(InboundRequest request, List<Result> results) {
        return Map.of();
    }

    /**
     * For a sender that reads a plain-text answer rather than the relay's JSON (VK's Callback API wants "ok",
     * or its confirmation string, and resends anything else): the text of the 200 answer; null, the default,
     * for the JSON. The results still go to the log and to /admin/deliveries (docs/architecture.md#answers).
     */
    default String textAnswer(InboundRequest request, List<Result> results) {
        return null;
    }

    /**
     * For such a sender, the text to answer in place of a refusal that sending again cannot cure (VK resends
     * every other answer and at last switches the server off), or null to refuse as usual. The refusal is
     * still logged and kept in /admin/deliveries, where an operator reads why.
     */
    default String textAnswerInstead(RelayProblem problem) {
        return null;
    }
}
