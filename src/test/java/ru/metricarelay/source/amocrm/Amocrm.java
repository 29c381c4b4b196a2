package ru.metricarelay.source.amocrm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.FormBody;

/**
 * The adapter outside Quarkus, with a real config mapping built from the shipped defaults plus
 * test-specific keys, so each test can try a setting without another Quarkus boot.
 */
final class Amocrm {

    static final String WON = "/payloads/amocrm/leads_status_2025_won_ym_uid_RECONSTRUCTED.form";
    static final String WON_UNENCODED = "/payloads/amocrm/leads_status_won_ym_uid_unencoded_RECONSTRUCTED.form";
    static final String ADD_2016 = "/payloads/amocrm/leads_add_2016_zapier_testaccount.form";
    static final String CONTACTS = "/payloads/amocrm/contacts_update_2025_phone_email_codes.form";
    static final List<String> SAMPLES = List.of(WON, WON_UNENCODED, ADD_2016, CONTACTS);

    private Amocrm() {
    }

    /** The adapter configured as application.properties ships it, plus {@code keyValues} (without the prefix). */
    static AmocrmAdapter adapter(String... keyValues) {
        Map<String, String> props = new HashMap<>(Map.of(
                "relay.sources.amocrm.output", "ORDER",
                "relay.sources.amocrm.status-map.142", "PAID",
                "relay.sources.amocrm.status-map.143", "CANCELLED"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put("relay.sources.amocrm." + keyValues[i], keyValues[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AmocrmConfig.class)
                .withMapping(MetricaConfig.class)
                .withSources(new PropertiesConfigSource(props, "amocrm-test", 500))
                .build();
        return new AmocrmAdapter(config.getConfigMapping(AmocrmConfig.class), config.getConfigMapping(MetricaConfig.class));
    }

    static InboundRequest request(String formBody) {
        return new InboundRequest("amocrm", "POST", Map.of("content-type", "application/x-www-form-urlencoded"),
                InboundRequest.BodyKind.FORM, FormBody.parse(formBody, 5000), JsonNodeFactory.instance.objectNode(),
                formBody.getBytes(StandardCharsets.UTF_8), Instant.parse("2025-06-01T09:00:00Z"));
    }

    /** What the relay does with a body: parse, check the account, read. */
    static List<SourceItem> read(AmocrmAdapter adapter, String formBody) {
        InboundRequest request = request(formBody);
        adapter.authenticate(request);
        return adapter.read(request).await().indefinitely();
    }

    static String sample(String resource) {
        try (var in = Amocrm.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
