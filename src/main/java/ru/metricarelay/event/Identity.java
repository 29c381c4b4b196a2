package ru.metricarelay.event;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Who the event is about, already validated: a ClientId that is not 17–20 digits, a junk phone or a
 * non-address never gets this far. Build it with {@link #builder()}, which takes raw values.
 * <p>Its JSON names are pinned: queued rows and failed events keep it (docs/reliability.md#stored-formats), and it
 * is registered for reflection so that a native image reads it back too.
 */
@RegisterForReflection
public record Identity(
        @JsonProperty("clientId") String clientId, @JsonProperty("yclid") String yclid,
        @JsonProperty("userId") String userId, @JsonProperty("contactId") String contactId,
        @JsonProperty("phones") List<String> phones, @JsonProperty("emails") List<String> emails) {

    public Identity {
        phones = List.copyOf(phones);
        emails = List.copyOf(emails);
    }

    public static final Identity NONE = new Identity(null, null, null, null, List.of(), List.of());

    /** This identity with a ClientId (already validated) in place of none. */
    public Identity withClientId(String validClientId) {
        return new Identity(validClientId, yclid, userId, contactId, phones, emails);
    }

    /** Something Metrica can attribute a visit by (offline conversions, calls). */
    public boolean hasVisitorId() {
        return clientId != null || yclid != null || userId != null;
    }

    /** Anything at all that identifies the person (CDP contacts also match by phone and e-mail). */
    public boolean hasAny() {
        return hasVisitorId() || !phones.isEmpty() || !emails.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects raw candidates; the first valid value of each kind wins, invalid ones are dropped. */
    public static final class Builder {
        private String clientId;
        private String yclid;
        private String userId;
        private String contactId;
        private final java.util.LinkedHashSet<String> phones = new java.util.LinkedHashSet<>();
        private final java.util.LinkedHashSet<String> emails = new java.util.LinkedHashSet<>();
        private String lastRawPhone;

        public Builder clientId(String raw) {
            if (clientId == null) {
                clientId = ClientId.parse(raw).orElse(null);
            }
            return this;
        }

        public Builder yclid(String raw) {
            if (yclid == null) {
                yclid = Yclid.parse(raw).orElse(null);
            }
            return this;
        }

        public Builder yclidFromUrl(String url) {
            if (yclid == null) {
                yclid = Yclid.fromUrl(url).orElse(null);
            }
            return this;
        }

        public Builder userId(String raw) {
            if (userId == null && raw != null && !raw.isBlank() && raw.length() <= 255) {
                userId = raw.trim();
            }
            return this;
        }

        public Builder contactId(String raw) {
            if (contactId == null && raw != null && !raw.isBlank()) {
                contactId = raw.trim();
            }
            return this;
        }

        public Builder phone(String raw) {
            // the same text from two fields (a WhatsApp chatId and the contact's phone) is parsed once:
            // libphonenumber is the costly part
            if (raw != null && !raw.equals(lastRawPhone)) {
                lastRawPhone = raw;
                Phones.normalize(raw).ifPresent(phones::add);
            }
            return this;
        }

        /** A phone {@link Phones#normalize} already gave (not parsed again: libphonenumber is the costly part). */
        public Builder normalizedPhone(String normalized) {
            if (normalized != null) {
                phones.add(normalized);
            }
            return this;
        }

        public Builder phones(Collection<String> raw) {
            raw.stream().filter(Objects::nonNull).forEach(this::phone);
            return this;
        }

        public Builder email(String raw) {
            Emails.normalize(raw).ifPresent(emails::add);
            return this;
        }

        public Builder emails(Collection<String> raw) {
            raw.stream().filter(Objects::nonNull).forEach(this::email);
            return this;
        }

        public Identity build() {
            return new Identity(clientId, yclid, userId, contactId, List.copyOf(phones), List.copyOf(emails));
        }
    }
}
