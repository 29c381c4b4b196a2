package ru.metricarelay.source.generic;

import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.InboundRequest;

/**
 * Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 over "id.timestamp.body",
 * verified by the spec's reference library. Any configured secret may match (rotation).
 */
final class StandardWebhooks {

    private final List<Webhook> verifiers;

    StandardWebhooks(List<String> secrets) {
        this.verifiers = secrets.stream().map(String::trim).filter(s -> !s.isEmpty()).map(StandardWebhooks::webhook).toList();
    }

    boolean enabled() {
        return !verifiers.isEmpty();
    }

    void verify(InboundRequest request) {
        if (!enabled()) {
            return;
        }
        Map<String, List<String>> headers = Map.of(
                "webhook-id", list(request.header("webhook-id")),
                "webhook-timestamp", list(request.header("webhook-timestamp")),
                "webhook-signature", list(request.header("webhook-signature")));
        String reason = "missing webhook-id, webhook-timestamp or webhook-signature header";
        for (Webhook verifier : verifiers) {
            try {
                verifier.verify(request.bodyText(), headers);
                return;
            } catch (WebhookVerificationException e) {
                reason = e.getMessage(); // the library's own words: "Message timestamp too old", ...
            }
        }
        throw RelayProblem.unauthorized("Standard Webhooks signature check failed: " + reason);
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static Webhook webhook(String secret) {
        try {
            return new Webhook(secret);
        } catch (Exception e) {
            throw new IllegalStateException("relay.sources.generic.signing-secret is not a valid whsec_ secret");
        }
    }
}
