package ru.metricarelay.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ru.metricarelay.infra.InfraFiles.SAM_TEMPLATE;
import static ru.metricarelay.infra.InfraFiles.assertCaught;
import static ru.metricarelay.infra.InfraFiles.broken;
import static ru.metricarelay.infra.InfraFiles.map;
import static ru.metricarelay.infra.InfraFiles.parseYaml;
import static ru.metricarelay.infra.SamTemplateRules.samProblems;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AWS SAM template (infra/aws/template.yaml), parsed as YAML with CloudFormation short-form tags mapped to their
 * long form ({@link InfraFiles#parseYaml}), keeps the promises of infra/aws/README.md; the rules are in
 * {@link SamTemplateRules}, and the broken templates below prove they fail on a broken recipe. No Quarkus boot.
 */
class SamTemplateTest {

    @Test
    void samTemplateKeepsItsPromises() throws IOException {
        assertEquals(List.of(), samProblems(samTemplate()));
    }

    static Stream<Arguments> brokenTemplates() {
        return Stream.of(
                broken("x86_64 instead of arm64", t -> props(t).put("Architectures", List.of("x86_64")), "arm64"),
                broken("java17 runtime", t -> props(t).put("Runtime", "java17"), "Runtime"),
                broken("another handler", t -> props(t).put("Handler", "com.example.Handler::handleRequest"),
                        "Handler"),
                broken("plain-text token", t -> env(t).put("METRICA_TOKEN", "y0_AgAAAABplaintext"), "METRICA_TOKEN"),
                broken("ssm-secure in a Lambda env var",
                        t -> env(t).put("METRICA_TOKEN", "{{resolve:ssm-secure:/relay/token}}"), "ssm-secure"),
                broken("secret from a parameter with a default", t -> {
                    params(t).put("RelaySecretParam", new LinkedHashMap<>(Map.of("Type", "String", "Default", "abc")));
                    env(t).put("RELAY_SECRET", Map.of("Ref", "RelaySecretParam"));
                }, "RELAY_SECRET"),
                broken("no 5xx alarm", t -> resources(t).remove("Api5xxAlarm"), "5xx"),
                broken("no HttpApi event", t -> props(t).remove("Events"), "HttpApi"),
                broken("no SnapStart", t -> props(t).remove("SnapStart"), "SnapStart"),
                broken("timeout below the relay deadline", t -> props(t).put("Timeout", 3), "Timeout"),
                broken("no webhook URL output", t -> ((Map<?, ?>) t.get("Outputs")).clear(), "/hooks/"),
                broken("queue without a dead-letter queue", t -> map(map(resources(t).get("RelayQueue")).get("Properties"))
                        .remove("RedrivePolicy"), "dead-letter"),
                broken("visibility shorter than a flush", t -> map(map(resources(t).get("RelayQueue")).get("Properties"))
                        .put("VisibilityTimeout", 60), "VisibilityTimeout"),
                broken("no scheduled flush", t -> resources(t).remove("FlushFunction"), "/queue/flush"),
                broken("a timer flush inside Lambda", t -> env(t).put("RELAY_FLUSH_INTERVAL", "5m"), "RELAY_FLUSH_INTERVAL"),
                broken("memory fixed at 3008 MB", t -> props(t).put("MemorySize", 3008), "MemorySize"),
                broken("JVM without memory settings", t -> env(t).put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"),
                        "JAVA_TOOL_OPTIONS"),
                // the runtime choice: java21 with SnapStart, or the native executable on provided.al2023
                broken("no Runtime parameter", t -> params(t).remove("Runtime"), "Runtime parameter"),
                broken("native on the retired provided.al2", t -> props(t).put("Runtime",
                        Map.of("Fn::If", List.of("Native", "provided.al2", "java21"))), "RelayFunction Runtime"),
                broken("native without the bootstrap handler", t -> props(t).put("Handler", SamRuntimeRules.HANDLER), "bootstrap"),
                broken("the flush function left on java21", t -> map(map(resources(t).get("FlushFunction")).get("Properties"))
                        .put("Runtime", "java21"), "FlushFunction Runtime"),
                broken("SnapStart asked of a native function", t -> map(t.get("Conditions"))
                        .put("SnapStartOn", Map.of("Fn::Equals", List.of(Map.of("Ref", "EnableSnapStart"), "true"))), "SnapStart"),
                broken("x86_64 only", t -> params(t).put("Architecture",
                        new LinkedHashMap<>(Map.of("Type", "String", "Default", "x86_64", "AllowedValues", List.of("x86_64")))), "arm64"),
                broken("a native timeout sized for the JVM", t -> props(t).put("Timeout", Map.of("Fn::If", List.of("Native", 10, 10))),
                        "Timeout"),
                broken("native memory as big as the JVM's", t -> map(params(t).get("NativeMemorySize")).put("Default", 512),
                        "MemorySize (native)"),
                broken("JVM flags handed to the native executable", t -> env(t).put("JAVA_TOOL_OPTIONS",
                        "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn4m -XX:MaxMetaspaceSize=96m -XX:ActiveProcessorCount=2"),
                        "JAVA_TOOL_OPTIONS"),
                broken("native without DISABLE_SIGNAL_HANDLERS", t -> env(t).remove("DISABLE_SIGNAL_HANDLERS"),
                        "DISABLE_SIGNAL_HANDLERS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTemplates")
    void samChecksFailOnBrokenTemplates(String what, Consumer<Map<String, Object>> breakIt, String expected)
            throws IOException {
        assertCaught(what, samTemplate(), breakIt, SamTemplateRules::samProblems, expected);
    }

    static Map<String, Object> samTemplate() throws IOException {
        return map(parseYaml(Files.readString(SAM_TEMPLATE)));
    }

    static Map<String, Object> resources(Map<String, Object> template) {
        return map(template.get("Resources"));
    }

    static Map<String, Object> params(Map<String, Object> template) {
        return map(template.get("Parameters"));
    }

    static Map<String, Object> props(Map<String, Object> template) {
        return map(map(resources(template).get("RelayFunction")).get("Properties"));
    }

    static Map<String, Object> env(Map<String, Object> template) {
        return map(map(props(template).get("Environment")).get("Variables"));
    }
}
