package ru.metricarelay.source.bitrix24;

import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.Digits;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Json;

/**
 * BENCHMARK ONLY (bench/jmh, never in the relay): what {@link Bitrix24Adapter#read} does for one deal webhook
 * once the portal has answered, without the HTTP calls. Bitrix24's webhook names only the deal id, so the
 * adapter fetches crm.deal.get (and crm.contact.get) from the portal; the benchmark hands it those answers as
 * text, as the REST client would. Same steps, same order: {@link Notice#read}, the deal answer parsed with the
 * relay's JSON reader (Portal keeps its "result"), the contact id and ClientId looked up, the contact answer
 * parsed, {@link RecordMapper#event}. What it leaves out: the two HTTP calls, their timeouts and retries.
 * It sits in the adapter's package because Notice and RecordMapper are package-private; on the class path a
 * second jar may add classes to a package.
 */
public final class PortalAnswered {

    private final Bitrix24Config config;
    private final ZoneId zone;
    private final String account;
    private final String dealAnswer;
    private final String contactAnswer;

    /**
     * @param dealAnswer    the crm.deal.get answer, {"result":{...}}
     * @param contactAnswer the crm.contact.get answer, or null
     */
    public PortalAnswered(Bitrix24Config config, MetricaConfig metrica, String dealAnswer, String contactAnswer) {
        this.config = config;
        this.zone = metrica.timezone();
        // the adapter's account(): the configured portal's host
        this.account = config.domain().map(Bitrix24Adapter::host).orElseThrow(
                () -> new IllegalStateException("the benchmark configures relay.sources.bitrix24.domain"));
        this.dealAnswer = dealAnswer;
        this.contactAnswer = contactAnswer;
    }

    public List<SourceItem> read(InboundRequest request) {
        Notice notice = Notice.read(request.payload());
        if (notice.entity() != CrmEntity.DEAL) {
            throw new IllegalStateException("the benchmark feeds a deal webhook; got " + notice.event());
        }
        String clientIdField = config.clientIdField().orElse(null);
        JsonNode record = result(dealAnswer);
        String contactId = RecordMapper.contactId(record);
        JsonNode contact = null;
        if (config.fetchContact() && contactId != null && Digits.only(contactId, 1, 18)) {
            // the adapter works this out before the contact call: with a ClientId, a failed call is only logged
            boolean hasClientId = RecordMapper.clientId(record, clientIdField) != null;
            if (contactAnswer == null && !hasClientId) {
                throw new IllegalStateException("no contact answer: the adapter would answer 503 here");
            }
            contact = contactAnswer == null ? null : result(contactAnswer);
        }
        return List.of(RecordMapper.event("bitrix24", account, notice.entity(), notice.id(), record, contact, clientIdField, zone));
    }

    private static JsonNode result(String answer) {
        try {
            return Json.READER.readTree(answer).get("result");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stubbed portal answer is not JSON", e);
        }
    }
}
