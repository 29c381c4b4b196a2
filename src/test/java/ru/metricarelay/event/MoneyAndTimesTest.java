package ru.metricarelay.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyAndTimesTest {

    static final ZoneId MSK = ZoneId.of("Europe/Moscow");

    @ParameterizedTest
    @CsvSource({"45000, 45000", "1000000.00, 1000000.00", "'45 000,50', 45000.50", "0.1, 0.1", "'1\u00a0500', 1500",
            "9223372036854, 9223372036854"})
    void amountsAreExactDecimals(String raw, String expected) {
        assertEquals(new BigDecimal(expected), Money.parse(raw));
    }

    /** The separators taken out are exactly ASCII whitespace, a no-break and a narrow no-break space; others stay. */
    @Test
    void separatorSpacesAreExactlyTheOnesTakenOut() {
        assertEquals(new BigDecimal("1500000.5"), Money.parse("1\u202F500\u00A0000\t,5"));
        assertEquals(new BigDecimal("1500"), Money.parse("1\u000B5\f0\r0"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1\u2003500")); // an em space is not a separator
    }

    @Test
    void zeroAndBlankMeanNoAmount() {
        assertNull(Money.parse("0"));
        assertNull(Money.parse(""));
        assertNull(Money.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "9223372036855", "1e400", "1.1234567"})
    void badAmountsAreRefused(String raw) {
        assertThrows(IllegalArgumentException.class, () -> Money.parse(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "1748500000, 2025-05-29T06:26:40Z",
            "1748500000123, 2025-05-29T06:26:40.123Z",
            "2025-05-29T09:26:40+03:00, 2025-05-29T06:26:40Z",
            "2024-08-30T14:29:00+02:00, 2024-08-30T12:29:00Z",
            "2025-05-29 09:26:40, 2025-05-29T06:26:40Z",
            "2025-05-27 14:06:20.123, 2025-05-27T11:06:20.123Z",
            "27/05/2025 14:03:11, 2025-05-27T11:03:11Z",
            "29.05.2025 09:26, 2025-05-29T06:26:00Z"})
    void timesInEveryFormSendersUse(String raw, String expected) {
        assertEquals(Instant.parse(expected), Times.parse(raw, MSK));
    }

    @Test
    void badTimeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Times.parse("yesterday", MSK));
    }
}
