package ru.metricarelay.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What an operator may see of a webhook body (GET /admin/deliveries). */
class MaskTextTest {

    @Test
    void phonesEmailsAndCredentialsAreMaskedIdsAndTimesStay() {
        assertEquals("{\"phone\":\"7999***1122\",\"email\":\"c***@example.com\",\"token\":\"***\",\"client_id\":\"1674202831464027743\",\"date\":1748500000}",
                Mask.text("{\"phone\":\"+79990001122\",\"email\":\"client@example.com\",\"token\":\"s3cr3t\","
                        + "\"client_id\":\"1674202831464027743\",\"date\":1748500000}"));
        assertEquals("Phone=7999***1122&auth[application_token]=***&sign=***&vpbx_api_key=***",
                Mask.text("Phone=+7 (999) 000-11-22&auth[application_token]=51856fef&sign=abc&vpbx_api_key=k1"));
        assertEquals("a mobile without prefix 9990***1122, a time 1748500000, a yclid 3851790612345678911",
                Mask.text("a mobile without prefix 9990001122, a time 1748500000, a yclid 3851790612345678911"));
    }

    // ---- finding 7 of the edge review: what the relay's own parsers read as a phone or an e-mail was shown in full

    @Test
    void whatTheParsersAcceptIsMaskedToo() {
        assertEquals("{\"phone\":\"8999***4567\",\"fw\":\"7999***4567\",\"kz\":\"7011***4567\"}",
                Mask.text("{\"phone\":\"8.999.123.45.67\",\"fw\":\"＋７９９９１２３４５６７\",\"kz\":\"7011234567\"}"));
        assertEquals("{\"email\":\"и***@пример.рф\",\"b\":\"u***@почта.рус\",\"c\":\"i***@example.com\"}",
                Mask.text("{\"email\":\"иван@пример.рф\",\"b\":\"user@почта.рус\",\"c\":\"ivan\\u0040example.com\"}"));
        // PHP's json_encode escapes every Cyrillic letter
        assertEquals("{\"e\":\"и***@пример.рф\"}", Mask.text("{\"e\":\"\\u0438\\u0432\\u0430\\u043d@\\u043f\\u0440\\u0438"
                + "\\u043c\\u0435\\u0440.\\u0440\\u0444\"}"));
        // a credential's value to its end: a JSON string to its closing quote, a form value to the next field
        assertEquals("{\"token\":\"***\",\"n\":1}", Mask.text("{\"token\":\"abc def&ghi\",\"n\":1}"));
        assertEquals("{\"api_key\":\"***\",\"n\":\"x\"}", Mask.text("{\"api_key\":\"a\\\"b c\",\"n\":\"x\"}"));
        assertEquals("{\"data\":\"{\\\"secret\\\":\\\"***\\\"}\"}", Mask.text("{\"data\":\"{\\\"secret\\\":\\\"a b\\\"}\"}"));
        assertEquals("secret=***&x=1", Mask.text("secret=abc def&x=1"));
        assertEquals("{\"password\":***,\"n\":1}", Mask.text("{\"password\":12345,\"n\":1}"));
        // decimals and unix times with a fraction are not phones; a dotted phone's groups are short
        assertEquals("1748500000.25, 45 000 000.00, 2025.05.29", Mask.text("1748500000.25, 45 000 000.00, 2025.05.29"));
        assertEquals(true, Mask.credentialName("auth[application_token]"));
        assertEquals(false, Mask.credentialName("deal_id"));
    }

    /**
     * A complexity check, not a timing goal: quadratic patterns took ~0.4 s per 5,000 digits, so ~25 s for these 40,000;
     * linear masking takes milliseconds. The 10 s bound is that gap, wide enough for a loaded machine.
     */
    @Test
    void longRunsCostLinearTime() {
        for (String run : new String[] {"9".repeat(40_000), "a".repeat(40_000), "a.".repeat(20_000), "1 ".repeat(20_000),
                "９".repeat(40_000), "я".repeat(40_000), "1.".repeat(20_000), "a@".repeat(20_000), "\\u0040".repeat(7_000),
                "token=".repeat(7_000), "\"token\":\"".repeat(4_000), "\\\"sign\\\":".repeat(4_000)}) {
            long started = System.nanoTime();
            Mask.text("{\"v\":\"" + run + "\",\"w\":" + run + "}&x=" + run);
            long ms = (System.nanoTime() - started) / 1_000_000;
            org.junit.jupiter.api.Assertions.assertTrue(ms < 10_000, "masking a 40,000-character run took " + ms + " ms");
        }
    }
}
