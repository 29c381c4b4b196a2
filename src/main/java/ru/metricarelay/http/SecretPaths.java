package ru.metricarelay.http;

import java.util.regex.Pattern;

/** The {secret} in /hooks/{source}/{secret} must never reach a log line or a response. */
public final class SecretPaths {

    /** /hooks/{source}/{secret}[/...] and /queue/flush/{secret} (for schedulers that cannot set headers). */
    private static final Pattern SECRET_SEGMENT = Pattern.compile("^(/hooks/[^/?#]+|/queue/flush)/[^?#]+");

    private SecretPaths() {
    }

    public static String mask(String path) {
        if (path == null) {
            return null;
        }
        String noQuery = path.split("[?#]", 2)[0];
        // control characters would let a crafted path forge log lines
        return SECRET_SEGMENT.matcher(noQuery).replaceFirst("$1/***").replaceAll("\\p{Cntrl}", "?");
    }
}
