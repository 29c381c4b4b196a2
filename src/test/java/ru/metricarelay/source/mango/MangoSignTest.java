package ru.metricarelay.source.mango;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;

/** Mango's sign, checked against signs computed here with commons-codec, not with the code under test. */
class MangoSignTest {

    static final String KEY = "vpbx-unique-code";
    static final String SALT = "vpbx-signing-key";
    final MangoSign sign = new MangoSign(KEY, SALT);

    static String signOf(String key, String json, String salt) {
        return DigestUtils.sha256Hex(key + json + salt);
    }

    @Test
    void acceptsTheSignOfTheRawJson() {
        String json = "{\"entry_id\":\"MTox\",\"from\":{\"number\":\"79990001122\"},\"note\":\"звонок\"}";
        assertDoesNotThrow(() -> sign.verify(KEY, signOf(KEY, json, SALT), json));
        assertDoesNotThrow(() -> sign.verify(KEY, signOf(KEY, json, SALT).toUpperCase(Locale.ROOT), json));
    }

    @Test
    void theSignCoversTheJsonByteForByte() {
        String json = "{\"entry_id\":\"MTox\"}";
        String signed = signOf(KEY, json, SALT);
        // the same object re-serialised (a space, a trailing newline) is another json: the sign is over the raw string
        assertEquals(401, assertThrows(RelayProblem.class, () -> sign.verify(KEY, signed, "{\"entry_id\": \"MTox\"}")).status());
        assertEquals(401, assertThrows(RelayProblem.class, () -> sign.verify(KEY, signed, json + "\n")).status());
    }

    @Test
    void refusesAnotherKeyEvenWithItsOwnValidSign() {
        String json = "{\"entry_id\":\"MTox\"}";
        assertEquals(401, assertThrows(RelayProblem.class,
                () -> sign.verify("other-key", signOf("other-key", json, SALT), json)).status());
    }

    @Test
    void refusesAWrongSaltAndMissingFields() {
        String json = "{\"entry_id\":\"MTox\"}";
        assertEquals(401, assertThrows(RelayProblem.class, () -> sign.verify(KEY, signOf(KEY, json, "x"), json)).status());
        assertEquals(401, assertThrows(RelayProblem.class, () -> sign.verify(KEY, null, json)).status());
        assertEquals(401, assertThrows(RelayProblem.class, () -> sign.verify(null, signOf(KEY, json, SALT), json)).status());
        assertEquals(401, assertThrows(RelayProblem.class, () -> sign.verify(KEY, signOf(KEY, json, SALT), null)).status());
    }
}
