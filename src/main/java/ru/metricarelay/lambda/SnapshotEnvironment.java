package ru.metricarelay.lambda;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The environment variables a SnapStart snapshot was primed with, as SHA-256 digests (never the values: the token
 * and the relay secret are among them), so that after a restore the relay can tell whether it is still the
 * environment the snapshot's configuration, clients and secrets came from.
 */
record SnapshotEnvironment(Map<String, String> digests) {

    /** What the relay's configuration, its Metrica clients and its secret check are built from. */
    static final List<String> NAMES = List.of("METRICA_TOKEN", "METRICA_COUNTER_ID", "METRICA_API_URL", "RELAY_SECRET");

    static SnapshotEnvironment of(UnaryOperator<String> env) {
        Map<String, String> digests = new LinkedHashMap<>();
        NAMES.forEach(name -> digests.put(name, digest(env.apply(name))));
        return new SnapshotEnvironment(digests);
    }

    /** The names whose value differs in {@code env}; values are compared by digest and never shown. */
    List<String> changedIn(UnaryOperator<String> env) {
        return NAMES.stream().filter(name -> !Objects.equals(digests.get(name), digest(env.apply(name)))).toList();
    }

    private static String digest(String value) {
        if (value == null) {
            return "unset";
        }
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
