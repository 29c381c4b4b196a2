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

    /** A complexity check, not a timing goal: quadratic patterns took ~0.4 s per 5,000 digits on the event loop. */
    @Test
    void longRunsCostLinearTime() {
        for (String run : new String[] {"9".repeat(40_000), "a".repeat(40_000), "a.".repeat(20_000), "1 ".repeat(20_000)}) {
            long started = System.nanoTime();
            Mask.text("{\"v\":\"" + run + "\",\"w\":" + run + "}&x=" + run);
            long ms = (System.nanoTime() - started) / 1_000_000;
            org.junit.jupiter.api.Assertions.assertTrue(ms < 2_000, "masking a 40,000-character run took " + ms + " ms");
        }
    }
}
