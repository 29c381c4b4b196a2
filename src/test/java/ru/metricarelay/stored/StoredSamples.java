package ru.metricarelay.stored;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Assertions;
import ru.metricarelay.event.PhoneCall;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;

/**
 * One routed record with every stored field set, and the ObjectMapper the relay stores with (Quarkus' defaults plus
 * config/JsonConfig): what the golden files under src/test/resources/stored/ were written from.
 */
public final class StoredSamples {

    /** As Quarkus configures its ObjectMapper: ISO dates, unknown properties ignored; plus plain BigDecimals. */
    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature());

    static final Path DIR = Path.of("src/test/resources/stored");

    public static final Instant RECEIVED = Instant.parse("2025-06-01T09:00:00.123Z");
    public static final Instant FAILED = Instant.parse("2025-06-01T09:00:05Z");

    private StoredSamples() {
    }

    /** A golden file under src/test/resources/stored/. */
    public static String golden(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A golden file as a store keeps it: on one line, numbers exactly as written (re-parsing would turn 15990.50 into 15990.5). */
    public static String oneLine(String name) {
        return String.join("", golden(name).lines().map(String::strip).toList());
    }

    /**
     * What this relay writes now must equal the golden file of its format; with -Dstored.write=true (a new format
     * only, with a new name: files already published stay as they are) the file is written instead.
     */
    public static void assertWritesGolden(String name, Object value) throws Exception {
        String written = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        if (Boolean.getBoolean("stored.write") && !Files.exists(DIR.resolve(name))) {
            Files.writeString(DIR.resolve(name), written);
        }
        Assertions.assertEquals(JSON.readTree(golden(name)), JSON.readTree(written),
                "the stored format changed: rows already queued or kept would no longer read the same. Pin the JSON names"
                        + " (@JsonProperty), or write a new format with a new number and keep reading the old ones");
    }

    /** Every field of a routed record that a queue row or a failed event keeps. */
    public static Routed routed() {
        Identity identity = new Identity("1674202831464027743", "8234567890123456789", "user-17", "amocrm:shop:contact:9",
                List.of("79995551122"), List.of("ivan@example.com"));
        DealEvent event = new DealEvent("amocrm:shop:41000017", "amocrm", "shop", "41000017", identity, "142",
                new BigDecimal("15990.50"), new BigDecimal("1200"), "RUB", Instant.parse("2025-05-29T06:26:40Z"),
                Instant.parse("2025-06-01T08:59:00Z"), List.of(new Goal("deal_won", new BigDecimal("10.5")), Goal.of("paid")),
                new PhoneCall("79995551122", 125, 7, false, true, "ad", "https://shop.example/?yclid=1"),
                new Chat("telegram", "tg-42", "ivan_p"), Output.ORDER);
        return new Routed(event.eventId(), "amocrm", Output.ORDER, null, event, "PAID", new BigDecimal("15990.50"),
                new BigDecimal("1200"), "RUB", List.of(new Goal("deal_won", new BigDecimal("10.5"))), "deal_won");
    }
}
