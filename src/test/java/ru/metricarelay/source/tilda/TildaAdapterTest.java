package ru.metricarelay.source.tilda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Sources;

/** Settings and traps the fixtures (one Quarkus boot, shipped defaults) cannot vary. */
class TildaAdapterTest {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String SAMPLE = "/payloads/tilda/form_webhook_with_cookies_RECONSTRUCTED.form";

    static TildaAdapter adapter(String... keyValues) {
        return new TildaAdapter(Sources.config(TildaConfig.class, "relay.sources.tilda", keyValues));
    }

    static List<SourceItem> read(TildaAdapter adapter, String body) {
        return Sources.read(adapter, Sources.request("tilda", FORM, body));
    }

    static DealEvent event(TildaAdapter adapter, String body) {
        List<SourceItem> items = read(adapter, body);
        assertEquals(1, items.size());
        return (DealEvent) items.get(0);
    }

    @Test
    void shippedDefaultsAreAConversionOfTildaForm() {
        TildaAdapter adapter = adapter();
        assertEquals(ru.metricarelay.event.Output.CONVERSION, adapter.settings().output());
        assertEquals("tilda_form", adapter.settings().target());
    }

    @Test
    void theSampleIsReadFromItsCookies() {
        DealEvent event = event(adapter(), Sources.resource(SAMPLE).strip());
        assertEquals(new Identity("1674202831464027743", null, null, null, List.of("79990001122"), List.of("client@example.com")),
                event.identity());
        assertEquals("tilda:default:4501234:5012345678", event.eventId());
        assertEquals(Sources.RECEIVED, event.occurredAt());
    }

    @Test
    void aFormTargetGivesAFormItsOwnGoal() {
        String body = "Phone=1&COOKIES=_ym_uid%3D1674202831464027743&tranid=1%3A2&formid=form777";
        assertEquals(List.of(Goal.of("callback")), event(adapter("form-targets.form777", "callback"), body).goals());
        assertEquals(List.of(), event(adapter("form-targets.form888", "callback"), body).goals());
    }

    @Test
    void fieldNamesAreConfigurable() {
        String body = "%D0%A2%D0%B5%D0%BB%D0%B5%D1%84%D0%BE%D0%BD=%2B7+999+000-11-22&Mail=client%40example.com&tranid=1%3A2";
        Identity defaults = event(adapter(), body).identity();
        assertEquals(List.of(), defaults.phones());
        Identity configured = event(adapter("phone-fields", "Телефон", "email-fields", "MAIL"), body).identity();
        assertEquals(List.of("79990001122"), configured.phones());
        assertEquals(List.of("client@example.com"), configured.emails());
    }

    @Test
    void theCookieWinsOverAHiddenFieldAndTheFieldIsTheFallback() {
        String both = "_ym_uid=1700000000123456789&COOKIES=_ym_uid%3D1674202831464027743&tranid=1%3A2";
        assertEquals("1674202831464027743", event(adapter(), both).identity().clientId());
        String fieldOnly = "ClientID=1700000000123456789&tranid=1%3A2";
        assertEquals("1700000000123456789", event(adapter(), fieldOnly).identity().clientId());
    }

    @Test
    void theFirstValidOfSeveralYmUidCookiesIsTaken() {
        // one cookie per domain level; the first holds junk a script wrote
        String body = "COOKIES=_ym_uid%3Dundefined%3B+_ym_uid%3D%221674202831464027743%22&tranid=1%3A2";
        assertEquals("1674202831464027743", event(adapter(), body).identity().clientId());
    }

    @Test
    void theCookieNameIsConfigurableAndNearMissesAreNotIt() {
        String body = "COOKIES=_ym_uid_old%3D1700000000123456789%3B+my_ym%3D1674202831464027743&tranid=1%3A2";
        assertNull(event(adapter(), body).identity().clientId());
        assertEquals("1674202831464027743", event(adapter("client-id-cookie", "my_ym"), body).identity().clientId());
    }

    @Test
    void aCookieValueEncodedTwiceIsDecodedOnce() {
        // the whole document.cookie percent-encoded once more inside the form value
        String body = "COOKIES=_ym_uid%253D1674202831464027743%253B%2B_ym_d%253D1674202831&tranid=1%3A2";
        assertEquals("1674202831464027743", event(adapter(), body).identity().clientId());
    }

    @Test
    void yclidFromACookieOrAFieldOrALandingUrl() {
        assertEquals("3851790612345678911",
                event(adapter(), "COOKIES=yclid%3D3851790612345678911&tranid=1%3A2").identity().yclid());
        assertEquals("3851790612345678911", event(adapter(), "YCLID=3851790612345678911&tranid=1%3A2").identity().yclid());
        // a cookie holding a percent-encoded landing URL
        assertEquals("3851790612345678911", event(adapter(),
                "COOKIES=landing%3Dhttps%253A%252F%252Fshop.example.ru%252F%253Fyclid%253D3851790612345678911&tranid=1%3A2")
                .identity().yclid());
        assertNull(event(adapter(), "yclid=0&utm_content=yclid&tranid=1%3A2").identity().yclid());
    }

    @Test
    void withoutTranidTheIdIsStableAcrossResendsAndFieldOrder() {
        String a = "Phone=%2B79990001122&COOKIES=_ym_uid%3D1674202831464027743";
        String b = "COOKIES=_ym_uid%3D1674202831464027743&Phone=%2B79990001122";
        String id = event(adapter(), a).eventId();
        assertTrue(id.startsWith("tilda:default:sha256-"), id);
        assertEquals(id, event(adapter(), a).eventId());
        assertEquals(id, event(adapter(), b).eventId());
        assertNotEquals(id, event(adapter(), a + "&Name=x").eventId());
    }

    @Test
    void aFieldNamedTestInARealSubmissionIsNotAPing() {
        assertEquals(List.of(new Skipped("tilda:default:test", "tilda", "test_ping")), read(adapter(), "test=test"));
        assertTrue(read(adapter(), "test=test&tranid=1%3A2").get(0) instanceof DealEvent);
        assertTrue(read(adapter(), "test=yes").get(0) instanceof DealEvent);
    }

    @Test
    void theAccountSettingNamesTheIds() {
        assertEquals("tilda:landing2:1:2", event(adapter("account", "landing2"), "tranid=1%3A2").eventId());
    }

    @Test
    void aJsonArrayIsNotATildaForm() {
        RelayProblem problem = assertThrows(RelayProblem.class,
                () -> Sources.read(adapter(), Sources.request("tilda", "application/json", "[1,2]")));
        assertEquals(422, problem.status());
    }
}
