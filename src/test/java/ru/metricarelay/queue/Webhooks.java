package ru.metricarelay.queue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ru.metricarelay.support.RawHttp;

/** Webhooks as Tilda, amoCRM, Calltouch and generic senders post them, numbered so that every row can be found again. */
final class Webhooks {

    static final String SECRET = "relay-test-secret-A1";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";

    record Hook(String source, String contentType, String body) {
    }

    private Webhooks() {
    }

    /** A ClientId (19 digits) per number and kind, so rows of different kinds never share one by accident. */
    static String clientId(int kind, int n) {
        return "16742028" + kind + String.format("%010d", n);
    }

    static Hook tilda(int n) {
        return new Hook("tilda", FORM, "Name=Test&COOKIES=" + enc("_ym_uid=" + clientId(1, n) + "; _ym_d=1674202831")
                + "&tranid=" + enc("45" + n + ":" + n) + "&formid=form512345678");
    }

    /** An amoCRM lead status change: the lead's status and the time amoCRM says it changed. */
    static Hook amocrm(int lead, int status, long updatedAt) {
        String p = "leads[status][0]";
        return new Hook("amocrm", FORM, "account" + enc("[subdomain]") + "=exampleshop&account" + enc("[id]") + "=31234567"
                + "&" + enc(p + "[id]") + "=" + lead + "&" + enc(p + "[status_id]") + "=" + status
                + "&" + enc(p + "[price]") + "=45000&" + enc(p + "[date_create]") + "=1748500000"
                + "&" + enc(p + "[updated_at]") + "=" + updatedAt
                + "&" + enc(p + "[custom_fields][0][id]") + "=801001&" + enc(p + "[custom_fields][0][name]") + "=_ym_uid"
                + "&" + enc(p + "[custom_fields][0][code]") + "=_YM_UID"
                + "&" + enc(p + "[custom_fields][0][values][0][value]") + "=" + clientId(2, lead));
    }

    static Hook call(int n) {
        return new Hook("calltouch", FORM, "callId=" + (540000000 + n) + "&calltime=" + enc("27/05/2025 14:03:11")
                + "&duration=60&waiting_connect=5&status=successful&unique=true&targetCall=true&yaClientId=" + clientId(3, n));
    }

    /** A generic conversion; {@code target} becomes the CSV's Target. */
    static Hook conversion(int n, String target) {
        return new Hook("generic", JSON, "{\"output\":\"CONVERSION\",\"deal_id\":\"c-" + n + "\",\"client_id\":\"" + clientId(4, n)
                + "\",\"updated_at\":1748600000,\"goals\":[\"" + target + "\"]}");
    }

    static RawHttp.Answer post(String root, Hook hook) {
        return RawHttp.send(root, "POST", "/hooks/" + hook.source(), Map.of("Content-Type", hook.contentType(),
                "X-Relay-Secret", SECRET), hook.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Posts every hook, {@code senders} at a time; the answers in the order of the hooks. */
    static List<RawHttp.Answer> postAll(String root, List<Hook> hooks, int senders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<RawHttp.Answer>> answers = new ArrayList<>();
            hooks.forEach(h -> answers.add(pool.submit(() -> post(root, h))));
            List<RawHttp.Answer> done = new ArrayList<>();
            for (Future<RawHttp.Answer> a : answers) {
                done.add(a.get());
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
