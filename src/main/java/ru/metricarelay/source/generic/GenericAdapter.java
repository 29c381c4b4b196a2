package ru.metricarelay.source.generic;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.PhoneCall;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Hashes;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Money;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * Any sender that can POST JSON: each canonical field is read at the JSON Pointer configured in
 * {@link GenericConfig}. A body that is an array is a batch, one event per element.
 */
@Singleton
public class GenericAdapter extends SourceBase<GenericConfig> {

    private final StandardWebhooks signatures;

    public GenericAdapter(GenericConfig config, MetricaConfig metrica) {
        super("generic", config, metrica.timezone());
        this.signatures = new StandardWebhooks(config.signingSecret().orElse(List.of()));
        GenericConfig.Fields f = config.fields();
        // a typo in a pointer should stop start-up, not fail every webhook
        for (String pointer : List.of(f.clientId(), f.yclid(), f.landingUrl(), f.userId(), f.contactId(), f.phone(),
                f.email(), f.dealId(), f.account(), f.status(), f.revenue(), f.cost(), f.currency(), f.createdAt(),
                f.updatedAt(), f.goals(), f.output(), f.callPhone(), f.callTalkSeconds(), f.callHoldSeconds(),
                f.callMissed(), f.callFirstTime(), f.callTag(), f.callUrl(), f.chatPlatform(), f.chatUserId(),
                f.chatUsername())) {
            Json.pointer("relay.sources.generic.fields.*", pointer);
        }
    }

    @Override
    public void authenticate(InboundRequest request) {
        signatures.verify(request);
    }

    @Override
    public List<String> clientIdFields() {
        return List.of(config.fields().clientId());
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode payload = request.payload();
        List<SourceItem> events = new ArrayList<>();
        if (payload.isArray()) {
            for (int i = 0; i < payload.size(); i++) {
                events.add(event(payload.get(i), "[" + i + "]"));
            }
        } else {
            events.add(event(payload, ""));
        }
        return events;
    }

    private DealEvent event(JsonNode node, String at) {
        GenericConfig.Fields f = config.fields();
        Identity identity = Identity.builder()
                .clientId(Json.text(node, f.clientId()))
                .yclid(Json.text(node, f.yclid()))
                .yclidFromUrl(Json.text(node, f.landingUrl()))
                .userId(Json.text(node, f.userId()))
                .contactId(Json.text(node, f.contactId()))
                .phones(Json.texts(node.at(JsonPointer.compile(f.phone()))))
                .emails(Json.texts(node.at(JsonPointer.compile(f.email()))))
                .build();
        Output requested = output(node, f.output(), at);
        String dealId = Json.text(node, f.dealId());
        if (dealId == null) {
            Output output = requested != null ? requested : config.output();
            if (output == Output.ORDER || output == Output.SIMPLE_ORDER) {
                throw RelayProblem.unprocessable(at + f.dealId(),
                        "an order needs a deal id at " + at + f.dealId() + " (set relay.sources.generic.fields.deal-id)");
            }
            dealId = "sha256-" + Hashes.contentId(node.toString()); // the same body always gets the same id
        }
        String account = Json.text(node, f.account());
        DealEvent.Builder event = DealEvent.builder(name(), account == null ? config.account() : account, dealId)
                .identity(identity)
                .status(Json.text(node, f.status()))
                .revenue(money(node, f.revenue(), at))
                .cost(money(node, f.cost(), at))
                .currency(currency(node, f.currency(), at))
                .createdAt(time(node, f.createdAt(), at))
                .occurredAt(time(node, f.updatedAt(), at))
                .output(requested)
                .call(call(node, at))
                .chat(chat(node));
        goals(node.at(JsonPointer.compile(f.goals())), at + f.goals()).forEach(event::goal);
        return event.build();
    }

    private static Output output(JsonNode node, String pointer, String at) {
        String value = Json.text(node, pointer);
        if (value == null) {
            return null;
        }
        try {
            Output output = Output.valueOf(value.toUpperCase(Locale.ROOT));
            if (output != Output.IGNORED) {
                return output;
            }
        } catch (IllegalArgumentException unknown) {
            // fall through to the 422 below
        }
        throw RelayProblem.unprocessable(at + pointer,
                "the value at " + at + pointer + " must be ORDER, SIMPLE_ORDER, CONVERSION, CALL, CHAT or CONTACT");
    }

    private PhoneCall call(JsonNode node, String at) {
        GenericConfig.Fields f = config.fields();
        String phone = Json.text(node, f.callPhone());
        Integer talk = seconds(node, f.callTalkSeconds(), at);
        Integer hold = seconds(node, f.callHoldSeconds(), at);
        Boolean missed = Json.flag(Json.text(node, f.callMissed()));
        Boolean first = Json.flag(Json.text(node, f.callFirstTime()));
        String tag = Json.text(node, f.callTag());
        String url = Json.text(node, f.callUrl());
        if (phone == null && talk == null && hold == null && missed == null && first == null && tag == null && url == null) {
            return null;
        }
        return new PhoneCall(Phones.normalize(phone).orElse(null), talk, hold, missed, first, tag, url);
    }

    private Chat chat(JsonNode node) {
        GenericConfig.Fields f = config.fields();
        String platform = Json.text(node, f.chatPlatform());
        String userId = Json.text(node, f.chatUserId());
        String username = Json.text(node, f.chatUsername());
        if (platform == null && userId == null && username == null) {
            return null;
        }
        return new Chat(platform != null ? platform.toLowerCase(Locale.ROOT) : config.chatPlatform().orElse(null),
                userId, username);
    }

    private static Integer seconds(JsonNode node, String pointer, String at) {
        return Fields.seconds(Json.text(node, pointer), at + pointer, "the value at " + at + pointer);
    }

    private static BigDecimal money(JsonNode node, String pointer, String at) {
        return Fields.money(Json.text(node, pointer), at + pointer, "the value at " + at + pointer);
    }

    private Instant time(JsonNode node, String pointer, String at) {
        return Fields.time(Json.text(node, pointer), zone, at + pointer, "the value at " + at + pointer);
    }

    static String currency(JsonNode node, String pointer, String at) {
        return Fields.currency(Json.text(node, pointer), at + pointer, "the value at " + at + pointer);
    }

    private static List<Goal> goals(JsonNode node, String at) {
        List<Goal> goals = new ArrayList<>();
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                String[] idPrice = part.trim().split(":", 2);
                if (!idPrice[0].isBlank()) {
                    goals.add(goal(idPrice[0].trim(), idPrice.length > 1 ? idPrice[1] : null, at));
                }
            }
        } else if (node.isContainerNode()) { // a JSON array, or a form's goals[0]=..&goals[1]=.. object
            for (JsonNode g : node) {
                if (g.isObject()) {
                    String id = Json.text(g.has("goal_action_id") ? g.get("goal_action_id") : g.get("id"));
                    if (id != null) {
                        goals.add(goal(id, Json.text(g.get("price")), at));
                    }
                } else if (Json.text(g) != null) {
                    goals.add(Goal.of(Json.text(g)));
                }
            }
        }
        if (goals.size() > 100) {
            throw RelayProblem.unprocessable(at, "Metrica accepts at most 100 goals per order; got " + goals.size());
        }
        return goals;
    }

    private static Goal goal(String id, String price, String at) {
        try {
            return new Goal(id, Money.parse(price));
        } catch (IllegalArgumentException e) {
            throw RelayProblem.unprocessable(at, "the price of goal " + id + " " + e.getMessage());
        }
    }
}
