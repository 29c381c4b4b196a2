package ru.metricarelay.source.marquiz;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Hashes;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * Marquiz lead webhooks (docs/sources/marquiz.md): one lead per request, {@code {contacts, quiz, created, answers,
 * extra}}, as JSON or as a form with bracket keys. One lead is one event (a CONVERSION by default) at {@code created}
 * (ISO, UTC). Marquiz sends no lead id, so the id is derived from what a resend repeats: the quiz, the time and the
 * contact. The quiz answers are never read: visitors type phone numbers into them.
 */
@Singleton
public class MarquizAdapter extends SourceBase<MarquizConfig> {

    public MarquizAdapter(MarquizConfig config) {
        super("marquiz", config);
    }

    @Override
    public List<String> clientIdFields() {
        return List.of("extra.cookies." + config.clientIdCookie());
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode lead = object(request, "body", "a Marquiz lead {contacts, quiz, created, answers, extra}");
        JsonNode quiz = lead.path("quiz");
        JsonNode contacts = lead.path("contacts");
        if (!quiz.isObject() && !contacts.isObject()) {
            throw RelayProblem.unprocessable("quiz", "expected a Marquiz lead with 'quiz' {id, name} and 'contacts' {name, email, phone}");
        }
        Instant created = Fields.time(Json.text(lead.get("created")), zone, "created", "'created'");
        Identity identity = identity(contacts, lead.path("extra"));
        String quizId = Json.text(quiz.get("id"));
        DealEvent.Builder event = DealEvent.builder(name(), config.account(), leadId(quizId, created, identity))
                .identity(identity)
                .at(created != null ? created : request.receivedAt());
        if (quizId != null && config.quizTargets().containsKey(quizId)) {
            event.goal(Goal.of(config.quizTargets().get(quizId))); // the first goal is the conversion's Target
        }
        return List.of(event.build());
    }

    /** ClientId from the _ym_uid cookie, yclid from the page the quiz was on (extra.href), the contact's phone and e-mail. */
    private Identity identity(JsonNode contacts, JsonNode extra) {
        return Identity.builder()
                .clientId(Json.text(extra.path("cookies").get(config.clientIdCookie())))
                .yclidFromUrl(Json.text(extra.get("href")))
                .phone(Json.text(contacts.get("phone")))
                .email(Json.text(contacts.get("email")))
                .build();
    }

    /**
     * {@code sha256-} and the first 24 hex digits of SHA-256 over the quiz id, {@code created} as an ISO instant and the
     * normalised phones and e-mails, one per line: a resent lead gets the same id; field order and the spelling of the
     * phone or of the time's offset do not matter (docs/sources/marquiz.md#ids).
     */
    static String leadId(String quizId, Instant created, Identity identity) {
        String key = String.join("\n", quizId == null ? "" : quizId, created == null ? "" : created.toString(),
                String.join(",", identity.phones()), String.join(",", identity.emails()));
        return "sha256-" + Hashes.contentId(key);
    }

    /** The default target and every quiz's own (quiz-targets). */
    @Override
    public Set<String> targets() {
        Set<String> targets = new TreeSet<>(config.quizTargets().values());
        targets.add(config.target());
        return targets;
    }

    @Override
    public String targetsSetting() {
        return "quiz-targets";
    }
}
