package ru.metricarelay.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static ru.metricarelay.infra.InfraFiles.INFRA;
import static ru.metricarelay.infra.InfraFiles.assertCaught;
import static ru.metricarelay.infra.InfraFiles.broken;
import static ru.metricarelay.infra.InfraFiles.map;
import static ru.metricarelay.infra.TerraformRules.container;
import static ru.metricarelay.infra.TerraformRules.terraformProblems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Terraform configuration for Yandex Cloud (infra/yandex-cloud), parsed by hcl4j (a real HCL parser), keeps the
 * promises of infra/yandex-cloud/README.md; the rules are in {@link TerraformRules}, and the broken configurations
 * below prove they fail on a broken recipe. No Quarkus boot.
 */
class TerraformTest {

    static final Path TERRAFORM = INFRA.resolve("yandex-cloud");

    @Test
    void terraformParsesAndKeepsItsPromises() throws Exception {
        assertEquals(List.of(), terraformProblems(terraform()));
    }

    @Test
    void hclParserRejectsBrokenSyntax() {
        // hcl4j logs the parse error it then throws; keep that expected stack trace out of the build log
        java.util.logging.Logger hcl4jLog = java.util.logging.Logger.getLogger("com.bertramlabs.plugins.hcl4j");
        java.util.logging.Level level = hcl4jLog.getLevel();
        hcl4jLog.setLevel(java.util.logging.Level.OFF);
        try {
            assertThrows(Exception.class, () -> new HCLParser().parse("resource \"a\" \"b\" {\n  x = = 1\n}\n"));
        } finally {
            hcl4jLog.setLevel(level);
        }
    }

    static Stream<Arguments> brokenTerraform() {
        return Stream.of(
                broken("no Lockbox binding", tf -> container(tf).remove("secrets"), "Lockbox"),
                broken("token as a plain env var", tf -> {
                    Map<String, Object> image = map(container(tf).get("image"));
                    Map<String, Object> envs = new LinkedHashMap<>(map(image.get("environment")));
                    envs.put("METRICA_TOKEN", "y0_plain");
                    image.put("environment", envs);
                }, "plain"),
                broken("no container", tf -> map(tf.get("resource")).remove("yandex_serverless_container"),
                        "yandex_serverless_container"),
                broken("not public", tf -> map(tf.get("resource")).remove("yandex_serverless_container_iam_binding"),
                        "allUsers"),
                broken("secret variable with a default", tf -> map(map(tf.get("variable")).get("relay_secret"))
                        .put("default", "abc"), "relay_secret"),
                broken("no webhook output", tf -> map(tf.get("output")).remove("webhook_base_url"), "/hooks/"),
                broken("queue without a dead-letter queue", tf -> map(map(map(tf.get("resource")).get("yandex_message_queue"))
                        .get("relay")).remove("redrive_policy"), "redrive_policy"),
                broken("no flush trigger", tf -> map(tf.get("resource")).remove("yandex_function_trigger"), "/queue/flush/"),
                broken("queued by default", tf -> map(map(tf.get("variable")).get("delivery")).put("default", "queued"), "delivery"),
                broken("JVM not told the memory", tf -> map(map(container(tf).get("image")).get("environment"))
                        .remove("JDK_JAVA_OPTIONS"), "MaxRAM"),
                broken("2 GB by default", tf -> map(map(tf.get("variable")).get("memory_mb")).put("default", 2048), "memory_mb"),
                broken("no runtime choice", tf -> map(tf.get("variable")).remove("runtime"), "variable runtime"),
                broken("native by default", tf -> map(map(tf.get("variable")).get("runtime")).put("default", "native"), "variable runtime"),
                broken("native without a heap limit", tf -> map(map(tf.get("locals")).get("start_args")).put("native", List.of()),
                        "heap limit"),
                broken("JVM started with native flags", tf -> map(map(tf.get("locals")).get("start_args")).put("jvm", List.of("-Xmx128m")),
                        "heap limit"),
                broken("arguments that ignore the runtime", tf -> map(container(tf).get("image")).put("args", List.of()), "image.args"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTerraform")
    void terraformChecksFailOnBrokenConfigs(String what, Consumer<Map<String, Object>> breakIt, String expected)
            throws Exception {
        assertCaught(what, terraform(), breakIt, TerraformRules::terraformProblems, expected);
    }

    /** All .tf files of the configuration, parsed by hcl4j and merged as Terraform merges them. */
    static Map<String, Object> terraform() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(TERRAFORM)) {
            files = list.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
        }
        assertEquals(List.of("main.tf", "outputs.tf", "queue.tf", "variables.tf", "versions.tf"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Path file : files) {
            Map<String, Object> parsed = new HCLParser().parse(Files.readString(file));
            deepMerge(merged, parsed);
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            if (into.get(k) instanceof Map<?, ?> existing && v instanceof Map<?, ?> more) {
                deepMerge((Map<String, Object>) existing, (Map<String, Object>) more);
            } else {
                into.put(k, v);
            }
        });
    }

    static Arguments broken(String what, Consumer<Map<String, Object>> breakIt, String expected) {
        return Arguments.of(what, breakIt, expected);
    }
}
