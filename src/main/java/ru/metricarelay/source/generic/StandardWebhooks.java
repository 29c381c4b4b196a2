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
 *
 * <p>Svix, which many SaaS senders use, sends the same three values as svix-id, svix-timestamp and
 * svix-signature (docs/security.md): one {@link Brand} of headers is picked and its values go through the
 * one verification below under the spec's names. A complete webhook-* set wins over a complete svix-* set;
 * the two sets are never mixed.
 */
final class StandardWebhooks {

    /** The three headers of one naming, {@code <prefix>-id}, {@code -timestamp} and {@code -signature}: the spec's, and Svix's. */
    record Brand(String prefix) {
        static final Brand STANDARD = new Brand("webhook");
        static final Brand SVIX = new Brand("svix");
        /** In order of preference. */
        static final List<Brand> ALL = List.of(STANDARD, SVIX);

        private String value(InboundRequest request, String part) {
            return request.header(prefix + "-" + part);
        }

        boolean sentIn(InboundRequest request) {
            return value(request, "id") != null && value(request, "timestamp") != null && value(request, "signature") != null;
        }

        /** This brand's values under the names the reference library reads (webhook-id, ...). */
        Map<String, List<String>> headers(InboundRequest request) {
            return Map.of("webhook-id", List.of(value(request, "id")),
                    "webhook-timestamp", List.of(value(request, "timestamp")),
                    "webhook-signature", List.of(value(request, "signature")));
        }
    }

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
        Brand brand = Brand.ALL.stream().filter(b -> b.sentIn(request)).findFirst().orElseThrow(() -> RelayProblem.unauthorized(
                "Standard Webhooks signature check failed: missing webhook-id, webhook-timestamp or webhook-signature header "
                        + "(or Svix's svix-id, svix-timestamp and svix-signature)"));
        Map<String, List<String>> headers = brand.headers(request);
        String reason = null;
        for (Webhook verifier : verifiers) {
            try {
                verifier.verify(request.bodyText(), headers);
                return;
            } catch (WebhookVerificationException e) {
                reason = e.getMessage(); // the library's own words: "Message timestamp too old", ...
            }
        }
        throw RelayProblem.unauthorized("Standard Webhooks signature check failed (" + brand.prefix() + "-* headers): " + reason);
    }

    private static Webhook webhook(String secret) {
        try {
            return new Webhook(secret);
        } catch (Exception e) {
            throw new IllegalStateException("relay.sources.generic.signing-secret is not a valid whsec_ secret");
        }
    }
}
