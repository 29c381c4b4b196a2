package ru.metricarelay.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** docs/architecture.md#identity: what counts as a ClientId, a yclid, a phone, an e-mail; and how they are masked. */
class IdentityRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"1674202831464027743", "16742028314640277", "18446744073709551615", " 1674202831464027743 "})
    void clientIds(String raw) {
        assertEquals(Optional.of(raw.trim()), ClientId.parse(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"87856", "1674202831464027", "18446744073709551616", "99999999999999999999", "undefined",
            "null", "", "  ", "1674202831464027743a", "-1674202831464027743", "1.674202831464027743E18", "１６７４２０２８３１４６４０２７７４３"})
    void notClientIds(String raw) {
        assertEquals(Optional.empty(), ClientId.parse(raw));
    }

    @ParameterizedTest
    @CsvSource({"3851790612345678911, 3851790612345678911", "' 7 ', 7", "18446744073709551615, 18446744073709551615",
            "18446744073709551616, ", "000, ", "'', ", "12a, ", "-5, ", "123456789012345678901, "})
    void yclids(String raw, String expected) {
        assertEquals(Optional.ofNullable(expected), Yclid.parse(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "https://shop.example.ru/?utm_source=yandex&yclid=3851790612345678911, 3851790612345678911",
            "https://shop.example.ru/catalog#yclid=3851790612345678911, 3851790612345678911",
            "shop.example.ru/?a=1&yclid=3851790612345678911&b=2, 3851790612345678911",
            "https://shop.example.ru/?myyclid=3851790612345678911, ",
            "https://shop.example.ru/?yclid=, ",
            "https://shop.example.ru/?yclid=abc, ",
            "'https://x.ru/?q=%zz&yclid=3851790612345678911', 3851790612345678911"})
    void yclidFromLandingUrl(String url, String expected) {
        assertEquals(Optional.ofNullable(expected), Yclid.fromUrl(url));
    }

    @ParameterizedTest
    @CsvSource({
            "'+7 (999) 000-11-22', 79990001122",
            "89990001122, 79990001122",
            "79990001122, 79990001122",
            "9990001122, 79990001122",
            "'+1 408 498 7855', 14084987855",
            "'8 (495) 123-45-67', 74951234567"})
    void phonesAreDigitsWithCountryCode(String raw, String expected) {
        assertEquals(Optional.of(expected), Phones.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"333", "", "abc", "+", "12"})
    void junkIsNotAPhone(String raw) {
        assertEquals(Optional.empty(), Phones.normalize(raw));
    }

    @Test
    void emailsAreLowerCaseAndPlausible() {
        assertEquals(Optional.of("client@example.com"), Emails.normalize(" Client@Example.COM "));
        assertEquals(Optional.empty(), Emails.normalize("444"));
        assertEquals(Optional.empty(), Emails.normalize("a@b"));
    }

    @Test
    void masking() {
        assertEquals("7999***1122", Mask.phone("79990001122"));
        assertEquals("c***@example.com", Mask.email("client@example.com"));
        assertEquals("***", Mask.phone("333"));
    }

    @Test
    void builderKeepsTheFirstValidValueOfEachKind() {
        Identity id = Identity.builder().clientId("87856").clientId("1674202831464027743").clientId("1674202831464027744")
                .phone("333").phone("+7 999 000 11 22").phone("89990001122").email("444").email("A@B.RU").build();
        assertEquals("1674202831464027743", id.clientId());
        assertEquals(List.of("79990001122"), id.phones());
        assertEquals(List.of("a@b.ru"), id.emails());
        assertTrue(id.hasVisitorId());
        assertFalse(Identity.builder().phone("333").build().hasAny());
    }
}
