package ru.metricarelay.source.mango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.routing.Router;

/** Mango calls carry only a phone: IGNORED (no_identity) as calls, but a SIMPLE_ORDER when the owner opts in. */
class MangoAdapterTest {

    static final String SUMMARY = "{\"entry_id\":\"MTox\",\"call_direction\":1,\"from\":{\"number\":\"79990001122\"},"
            + "\"create_time\":1748343791,\"talk_time\":1748343800,\"end_time\":1748343987,\"entry_result\":1}";

    static MangoAdapter adapter(Map<String, String> properties) {
        return new MangoAdapter(new SmallRyeConfigBuilder().withMapping(MangoConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(MangoConfig.class));
    }

    static Routed route(MangoAdapter adapter) {
        ObjectNode form = JsonNodeFactory.instance.objectNode().put("json", SUMMARY);
        return new Router().route(List.of(adapter.item(form, "events/summary")), adapter.settings()).get(0);
    }

    @Test
    void asACallItHasNoVisitorId() {
        Routed routed = route(adapter(Map.of("relay.sources.mango.output", "CALL")));
        assertEquals(Output.IGNORED, routed.output());
        assertEquals("no_identity", routed.reason());
    }

    @Test
    void asASimpleOrderThePhoneIsTheIdentity() {
        Routed routed = route(adapter(Map.of("relay.sources.mango.output", "SIMPLE_ORDER")));
        assertEquals(Output.SIMPLE_ORDER, routed.output());
        assertNull(routed.reason());
        assertEquals(List.of("79990001122"), routed.event().identity().phones());
        assertEquals("IN_PROGRESS", routed.orderStatus());
    }
}
