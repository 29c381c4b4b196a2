package ru.metricarelay.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ru.metricarelay.config.SecretSet;

/**
 * A secret in a webhook path (/hooks/{source}/{secret}, or a sender that put it where the source
 * goes: /hooks/{secret}; /queue/flush/{secret}) must never reach a log line or an answer (docs/security.md). Also turns
 * control characters, which could forge log lines, into escapes.
 */
public final class SecretPaths {

    private static final Pattern HOOK_PATH = Pattern.compile("/(?:hooks|queue/flush)/[^\\s\"'<>]*");
    /** Schedulers that cannot set headers post to /queue/flush/{secret}. */
    private static final String FLUSH = "/queue/flush/";

    private SecretPaths() {
    }

    /** /hooks/tilda/s3cr3t?x=1 → /hooks/tilda/***; /hooks/&lt;long or odd segment&gt; → /hooks/***. */
    public static String mask(String path) {
        if (path == null) {
            return null;
        }
        String noQuery = path.split("[?#]", 2)[0];
        if (noQuery.startsWith(FLUSH)) {
            return FLUSH + "***";
        }
        if (!noQuery.startsWith("/hooks/")) {
            return LogText.escape(noQuery);
        }
        String[] segments = noQuery.substring("/hooks/".length()).split("/", 2);
        if (!SecretSet.isShowable(segments[0])) {
            return "/hooks/***";
        }
        return "/hooks/" + segments[0] + (segments.length > 1 ? "/***" : "");
    }

    /** Every /hooks/... and /queue/flush/... path inside a text (a framework's log message, an exception's) masked. */
    public static String maskAll(String text) {
        if (text == null || !text.contains("/hooks/") && !text.contains(FLUSH)) {
            return text;
        }
        Matcher m = HOOK_PATH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(mask(m.group())));
        }
        return m.appendTail(out).toString();
    }
}
