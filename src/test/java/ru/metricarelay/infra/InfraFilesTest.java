package ru.metricarelay.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The deploy recipes under infra/ cannot be deployed from a build machine, so this test reads them
 * the way their tools would and checks the facts the recipes promise: the SAM template (parsed as
 * YAML, CloudFormation short-form tags mapped to their long form), the Terraform configuration
 * (parsed by hcl4j, a real HCL parser) and the Dockerfile (split into instructions). Each check is
 * a function returning the problems it found, so the negative tests below can prove it fails on a
 * broken recipe. No Quarkus boot.
 */
class InfraFilesTest {

    static final Path INFRA = Path.of("infra");
    static final Path SAM_TEMPLATE = INFRA.resolve("aws/template.yaml");
    static final Path TERRAFORM = INFRA.resolve("yandex-cloud");
    static final Path DOCKER = INFRA.resolve("docker");

    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    // ------------------------------------------------------------------ YAML (SAM)

    @Test
    void everyYamlUnderInfraParses() throws IOException {
        List<Path> yamls;
        try (Stream<Path> files = Files.walk(INFRA)) {
            yamls = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.toString().contains(".aws-sam")).sorted().toList();
        }
        assertTrue(yamls.contains(SAM_TEMPLATE), "the SAM template is among " + yamls);
        for (Path yaml : yamls) {
            Object doc = parseYaml(Files.readString(yaml));
            assertTrue(doc instanceof Map<?, ?> map && !map.isEmpty(), yaml + " is a non-empty YAML mapping");
        }
    }

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
                        "JAVA_TOOL_OPTIONS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTemplates")
    void samChecksFailOnBrokenTemplates(String what, Consumer<Map<String, Object>> breakIt, String expected)
            throws IOException {
        Map<String, Object> template = samTemplate();
        breakIt.accept(template);
        List<String> problems = samProblems(template);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                what + ": expected a problem mentioning '" + expected + "', got " + problems);
    }

    @Test
    void shortFormTagsBecomeLongForm() {
        Object doc = parseYaml("a: !Ref X\nb: !GetAtt Api.ApiEndpoint\nc: !Sub 'x-${X}'\nd: !If [C, 1, 2]\n");
        assertEquals(Map.of("a", Map.of("Ref", "X"), "b", Map.of("Fn::GetAtt", List.of("Api", "ApiEndpoint")),
                "c", Map.of("Fn::Sub", "x-${X}"), "d", Map.of("Fn::If", List.of("C", 1, 2))), doc);
    }

    // ------------------------------------------------------------------ HCL (Terraform)

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
                brokenTf("no Lockbox binding", tf -> container(tf).remove("secrets"), "Lockbox"),
                brokenTf("token as a plain env var", tf -> {
                    Map<String, Object> image = map(container(tf).get("image"));
                    Map<String, Object> envs = new LinkedHashMap<>(map(image.get("environment")));
                    envs.put("METRICA_TOKEN", "y0_plain");
                    image.put("environment", envs);
                }, "plain"),
                brokenTf("no container", tf -> map(tf.get("resource")).remove("yandex_serverless_container"),
                        "yandex_serverless_container"),
                brokenTf("not public", tf -> map(tf.get("resource")).remove("yandex_serverless_container_iam_binding"),
                        "allUsers"),
                brokenTf("secret variable with a default", tf -> map(map(tf.get("variable")).get("relay_secret"))
                        .put("default", "abc"), "relay_secret"),
                brokenTf("no webhook output", tf -> map(tf.get("output")).remove("webhook_base_url"), "/hooks/"),
                brokenTf("queue without a dead-letter queue", tf -> map(map(map(tf.get("resource")).get("yandex_message_queue"))
                        .get("relay")).remove("redrive_policy"), "redrive_policy"),
                brokenTf("no flush trigger", tf -> map(tf.get("resource")).remove("yandex_function_trigger"), "/queue/flush/"),
                brokenTf("queued by default", tf -> map(map(tf.get("variable")).get("delivery")).put("default", "queued"), "delivery"),
                brokenTf("JVM not told the memory", tf -> map(map(container(tf).get("image")).get("environment"))
                        .remove("JDK_JAVA_OPTIONS"), "MaxRAM"),
                brokenTf("2 GB by default", tf -> map(map(tf.get("variable")).get("memory_mb")).put("default", 2048), "memory_mb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTerraform")
    void terraformChecksFailOnBrokenConfigs(String what, Consumer<Map<String, Object>> breakIt, String expected)
            throws Exception {
        Map<String, Object> tf = terraform();
        breakIt.accept(tf);
        List<String> problems = terraformProblems(tf);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                what + ": expected a problem mentioning '" + expected + "', got " + problems);
    }

    // ------------------------------------------------------------------ Dockerfile

    @Test
    void dockerfileKeepsItsPromises() throws IOException {
        assertEquals(List.of(), dockerProblems(dockerfile(), trainScript(), dockerignore()));
    }

    @Test
    void dockerChecksFailOnBrokenDockerfiles() throws IOException {
        String good = dockerfile();
        assertFalse(dockerProblems(good.replace("USER 10001:10001", "USER root"), trainScript(), dockerignore())
                .isEmpty(), "a root user is caught");
        assertFalse(dockerProblems(good.replace("USER 10001:10001", ""), trainScript(), dockerignore()).isEmpty(),
                "a missing USER is caught");
        assertFalse(dockerProblems(good.replace("\"-XX:AOTCache=/app/app.aot\", ", ""), trainScript(),
                dockerignore()).isEmpty(), "running without the AOT cache is caught");
        assertFalse(dockerProblems(good, trainScript().replace("-XX:AOTCacheOutput", "-XX:+UseSerialGC"),
                dockerignore()).isEmpty(), "a training script that trains nothing is caught");
        assertFalse(dockerProblems(good + "\nENV METRICA_TOKEN=y0_baked\n", trainScript(), dockerignore()).isEmpty(),
                "a baked-in token is caught");
        assertFalse(dockerProblems(good.replaceFirst("-Xmn4m", "-Xmn16m"), trainScript(), dockerignore()).isEmpty(),
                "training and runtime flags that differ are caught");
        assertFalse(dockerProblems(good.replace("-XX:MaxRAMPercentage=50 ", ""), trainScript(), dockerignore()).isEmpty(),
                "a JVM without a heap share is caught");
    }

    // ================================================================== the checks

    /** Everything infra/aws/README.md promises about the SAM template. */
    @SuppressWarnings("unchecked")
    static List<String> samProblems(Map<String, Object> t) {
        List<String> problems = new ArrayList<>();
        if (!"AWS::Serverless-2016-10-31".equals(t.get("Transform"))) {
            problems.add("Transform must be AWS::Serverless-2016-10-31");
        }
        Map<String, Object> resources = map(t.get("Resources"));
        Map<String, Object> parameters = map(t.get("Parameters"));
        Map<String, Object> conditions = map(t.get("Conditions"));

        List<String> functions = ofType(resources, "AWS::Serverless::Function");
        if (!functions.contains("RelayFunction")) {
            problems.add("expected the webhook function RelayFunction among " + functions);
            return problems;
        }
        String fnName = "RelayFunction";
        problems.addAll(queueProblems(t));
        Map<String, Object> fn = map(map(resources.get(fnName)).get("Properties"));

        expect(problems, "Runtime", "java21", fn.get("Runtime"));
        expect(problems, "Handler", HANDLER, fn.get("Handler"));
        expect(problems, "Architectures (arm64)", List.of("arm64"), fn.get("Architectures"));
        Object codeUri = fn.get("CodeUri");
        if (!(codeUri instanceof String uri)
                || !SAM_TEMPLATE.getParent().resolve(uri).normalize().equals(Path.of("target/function.zip"))) {
            problems.add("CodeUri must point at target/function.zip (./mvnw package -Plambda), is " + codeUri);
        }
        // Memory (infra/README.md#memory): a parameter, about 512 MB by default, allowing the 128 MB the JVM flags fit.
        Map<String, Object> memoryParameter = map(parameters.get(map(fn.get("MemorySize")).get("Ref")));
        int memory = memoryParameter.get("Default") instanceof Number n ? n.intValue() : -1;
        if (memory < 384 || memory > 1024 || !(memoryParameter.get("AllowedValues") instanceof List<?> sizes)
                || !sizes.contains(128)) {
            problems.add("MemorySize must be a parameter defaulting to about 512 MB and allowing 128, is "
                    + fn.get("MemorySize"));
        }

        // Timeout: above the relay deadline, within what API Gateway waits (30 s).
        long deadlineMs = durationMs(defaultOf(parameters, "RelayDeadline", "4s"));
        int timeout = fn.get("Timeout") instanceof Number n ? n.intValue() : -1;
        if (timeout * 1000L <= deadlineMs || timeout > 30) {
            problems.add("Timeout must be above the relay deadline (" + deadlineMs + " ms) and at most 30 s, is "
                    + fn.get("Timeout"));
        }

        // SnapStart behind a parameter, on published versions through an alias.
        Object snap = map(fn.get("SnapStart")).get("ApplyOn");
        if (!(map(parameters.get("EnableSnapStart")).get("AllowedValues") instanceof List<?> allowed)
                || !allowed.containsAll(List.of("true", "false"))) {
            problems.add("SnapStart: parameter EnableSnapStart with AllowedValues true/false is missing");
        }
        if (!(map(snap).get("Fn::If") instanceof List<?> iff) || iff.size() != 3
                || !"PublishedVersions".equals(iff.get(1)) || !"None".equals(iff.get(2))
                || !String.valueOf(conditions.get(iff.get(0))).contains("EnableSnapStart")) {
            problems.add("SnapStart: ApplyOn must be !If [<EnableSnapStart condition>, PublishedVersions, None], is "
                    + snap);
        }
        if (!(fn.get("AutoPublishAlias") instanceof String alias) || alias.isBlank()) {
            problems.add("SnapStart needs AutoPublishAlias (it applies to published versions only)");
        }

        // Environment: configuration from parameters, secrets never in plain text.
        Map<String, Object> env = map(map(fn.get("Environment")).get("Variables"));
        for (String name : List.of("METRICA_COUNTER_ID", "METRICA_TIMEZONE", "RELAY_DEADLINE")) {
            Object ref = map(env.get(name)).get("Ref");
            if (ref == null || !parameters.containsKey(ref)) {
                problems.add(name + " must come from a template Parameter, is " + env.get(name));
            }
        }
        for (String secret : List.of("METRICA_TOKEN", "RELAY_SECRET")) {
            secretProblem(secret, env.get(secret), parameters).ifPresent(problems::add);
        }
        String jvm = String.valueOf(env.get("JAVA_TOOL_OPTIONS"));
        if (!List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn", "-XX:MaxMetaspaceSize=",
                "-XX:ActiveProcessorCount=2").stream().allMatch(jvm::contains)) {
            problems.add("JAVA_TOOL_OPTIONS must keep C1 only and the small-memory settings (Serial GC, young generation "
                    + "and metaspace caps, 2 processors; infra/README.md#memory), is " + jvm);
        }

        // The HttpApi event on our HTTP API.
        List<String> apis = ofType(resources, "AWS::Serverless::HttpApi");
        boolean httpApiEvent = map(fn.get("Events")).values().stream().map(InfraFilesTest::map)
                .anyMatch(e -> "HttpApi".equals(e.get("Type"))
                        && apis.contains(map(map(e.get("Properties")).get("ApiId")).get("Ref")));
        if (!httpApiEvent) {
            problems.add("the function needs an HttpApi event on the template's AWS::Serverless::HttpApi " + apis);
        }

        // Alarms: API 5xx on our API, Lambda Errors on our function.
        boolean api5xx = resources.values().stream().map(InfraFilesTest::map)
                .filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type"))).map(r -> map(r.get("Properties")))
                .anyMatch(p -> "AWS/ApiGateway".equals(p.get("Namespace")) && "5xx".equals(p.get("MetricName"))
                        && dimensionRefs(p, "ApiId").stream().anyMatch(apis::contains));
        if (!api5xx) {
            problems.add("no CloudWatch alarm on the HTTP API's 5xx metric");
        }
        boolean lambdaErrors = resources.values().stream().map(InfraFilesTest::map)
                .filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type"))).map(r -> map(r.get("Properties")))
                .anyMatch(p -> "AWS/Lambda".equals(p.get("Namespace")) && "Errors".equals(p.get("MetricName"))
                        && dimensionRefs(p, "FunctionName").contains(fnName));
        if (!lambdaErrors) {
            problems.add("no CloudWatch alarm on the function's Errors metric");
        }

        // An output with the webhook base URL built from the API.
        boolean urlOutput = map(t.get("Outputs")).values().stream().map(o -> String.valueOf(map(o).get("Value")))
                .anyMatch(v -> v.contains("/hooks/") && apis.stream().anyMatch(v::contains));
        if (!urlOutput) {
            problems.add("no Output with the webhook URL (<api endpoint>/hooks/)");
        }
        return problems;
    }

    /**
     * Queued delivery on AWS (infra/README.md): an SQS queue with a dead-letter queue, hidden longer than a flush can
     * run; the webhook function stores into it and never flushes on a timer; a flush function invoked by EventBridge
     * Scheduler every 5 minutes with a POST /queue/flush event carrying the relay secret.
     */
    static List<String> queueProblems(Map<String, Object> t) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> resources = map(t.get("Resources"));
        Map<String, Object> parameters = map(t.get("Parameters"));
        if (!(map(parameters.get("Delivery")).get("AllowedValues") instanceof List<?> modes)
                || !modes.containsAll(List.of("direct", "queued")) || !"direct".equals(map(parameters.get("Delivery")).get("Default"))) {
            problems.add("a Delivery parameter (direct, the default, or queued) is missing");
        }
        Map<String, Object> queue = map(map(resources.get("RelayQueue")).get("Properties"));
        Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
        Object dlq = map(redrive.get("deadLetterTargetArn")).get("Fn::GetAtt");
        if (!"AWS::SQS::Queue".equals(map(resources.get("RelayQueue")).get("Type")) || !(dlq instanceof List<?> arn)
                || !"AWS::SQS::Queue".equals(map(resources.get(arn.get(0))).get("Type")) || redrive.get("maxReceiveCount") == null) {
            problems.add("RelayQueue must be an SQS queue with a RedrivePolicy to a dead-letter queue (maxReceiveCount)");
        }
        Map<String, Object> env = map(map(map(map(resources.get("RelayFunction")).get("Properties")).get("Environment")).get("Variables"));
        expect(problems, "RelayFunction RELAY_QUEUE", "sqs", env.get("RELAY_QUEUE"));
        expect(problems, "RelayFunction RELAY_FLUSH_INTERVAL (the scheduler flushes, not a timer)", "0", env.get("RELAY_FLUSH_INTERVAL"));
        if (!String.valueOf(env.get("RELAY_QUEUE_SQS_URL")).contains("RelayQueue")) {
            problems.add("RelayFunction RELAY_QUEUE_SQS_URL must name RelayQueue, is " + env.get("RELAY_QUEUE_SQS_URL"));
        }
        if (!String.valueOf(env.get("RELAY_DELIVERY")).contains("Delivery")) {
            problems.add("RelayFunction RELAY_DELIVERY must come from the Delivery parameter");
        }
        List<Map<String, Object>> schedules = new ArrayList<>();
        for (String name : ofType(resources, "AWS::Serverless::Function")) {
            Map<String, Object> fn = map(map(resources.get(name)).get("Properties"));
            map(fn.get("Events")).values().stream().map(InfraFilesTest::map).filter(e -> "ScheduleV2".equals(e.get("Type")))
                    .forEach(e -> schedules.add(Map.of("fn", fn, "event", map(e.get("Properties")))));
        }
        boolean flushes = schedules.stream().anyMatch(s -> {
            Map<String, Object> event = map(s.get("event"));
            String input = String.valueOf(event.get("Input"));
            String rate = String.valueOf(event.get("ScheduleExpression")).contains("FlushRate")
                    ? defaultOf(parameters, "FlushRate", "") : String.valueOf(event.get("ScheduleExpression"));
            return "rate(5 minutes)".equals(rate) && input.contains("\"rawPath\":\"/queue/flush\"") && input.contains("\"POST\"")
                    && input.contains("x-relay-secret") && input.contains("{{resolve:secretsmanager:");
        });
        if (!flushes) {
            problems.add("no ScheduleV2 event that POSTs /queue/flush (with x-relay-secret) every 5 minutes by default");
        }
        int visibility = queue.get("VisibilityTimeout") instanceof Number n ? n.intValue() : -1;
        for (Map<String, Object> s : schedules) {
            int timeout = map(s.get("fn")).get("Timeout") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
            if (timeout >= visibility) {
                problems.add("the queue's VisibilityTimeout (" + visibility + " s) must exceed the flush function's Timeout ("
                        + timeout + " s)");
            }
        }
        return problems;
    }

    /** A secret env var must be a Secrets Manager dynamic reference, or a NoEcho parameter without a default. */
    static java.util.Optional<String> secretProblem(String name, Object value, Map<String, Object> parameters) {
        String text = value instanceof String s ? s
                : map(value).get("Fn::Sub") instanceof String s ? s
                : map(value).get("Fn::Sub") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s ? s
                : null;
        if (text != null) {
            if (text.contains("{{resolve:ssm-secure:")) {
                return java.util.Optional.of(name + ": ssm-secure dynamic references are not accepted in Lambda"
                        + " environment variables");
            }
            if (!text.startsWith("{{resolve:secretsmanager:") || !text.endsWith("}}")) {
                return java.util.Optional.of(name + " is plain text (or not a Secrets Manager reference): " + text);
            }
            return java.util.Optional.empty();
        }
        Object ref = map(value).get("Ref");
        Map<String, Object> param = map(parameters.get(ref));
        if (ref != null && !param.isEmpty() && !param.containsKey("Default")
                && Boolean.TRUE.equals(param.get("NoEcho"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(name + " must be a Secrets Manager dynamic reference or a NoEcho parameter"
                + " without a default, is " + value);
    }

    /** Everything infra/yandex-cloud/README.md promises about the Terraform configuration. */
    static List<String> terraformProblems(Map<String, Object> tf) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> provider = map(map(map(tf.get("terraform")).get("required_providers")).get("yandex"));
        expect(problems, "required_providers.yandex.source", "yandex-cloud/yandex", provider.get("source"));

        Map<String, Object> resources = map(tf.get("resource"));
        Map<String, Object> containers = map(resources.get("yandex_serverless_container"));
        if (containers.size() != 1) {
            problems.add("expected one yandex_serverless_container, found " + containers.keySet());
            return problems;
        }
        Map<String, Object> c = map(containers.values().iterator().next());
        for (String attribute : List.of("memory", "execution_timeout", "concurrency", "service_account_id")) {
            if (c.get(attribute) == null) {
                problems.add("yandex_serverless_container: " + attribute + " is not set");
            }
        }
        if (!String.valueOf(c.get("service_account_id")).startsWith("yandex_iam_service_account.")) {
            problems.add("yandex_serverless_container must run as the configuration's service account");
        }
        if (map(c.get("image")).get("url") == null) {
            problems.add("yandex_serverless_container: image.url is not set");
        }
        Map<String, Object> plainEnv = map(map(c.get("image")).get("environment"));
        for (String secret : List.of("METRICA_TOKEN", "RELAY_SECRET")) {
            if (plainEnv.containsKey(secret)) {
                problems.add(secret + " must not be a plain image environment variable");
            }
            boolean bound = list(c.get("secrets")).stream().map(InfraFilesTest::map)
                    .anyMatch(s -> secret.equals(s.get("key")) && secret.equals(s.get("environment_variable"))
                            && String.valueOf(s.get("id")).startsWith("yandex_lockbox_secret.")
                            && String.valueOf(s.get("version_id")).startsWith("yandex_lockbox_secret_version"));
            if (!bound) {
                problems.add(secret + " is not bound from the Lockbox secret (secrets { ... } on the container)");
            }
        }
        // The JVM sizes itself from the revision's memory, told outright (infra/README.md#memory).
        String jdkOptions = String.valueOf(plainEnv.get("JDK_JAVA_OPTIONS")); // hcl4j: "${var.x}" reads as "var.x"
        if (!jdkOptions.contains("-XX:MaxRAM=") || !jdkOptions.contains("var.memory_mb")
                || !String.valueOf(c.get("memory")).contains("memory_mb")) {
            problems.add("the container's memory must be var.memory_mb and JDK_JAVA_OPTIONS must pass it as "
                    + "-XX:MaxRAM=${var.memory_mb}m, is " + plainEnv.get("JDK_JAVA_OPTIONS"));
        }
        if (!(map(map(tf.get("variable")).get("memory_mb")).get("default") instanceof Number mb) || mb.intValue() < 128
                || mb.intValue() > 512 || mb.intValue() % 128 != 0) {
            problems.add("variable memory_mb's default must be 128-512 MB, a multiple of 128");
        }
        if (map(resources.get("yandex_lockbox_secret")).isEmpty()) {
            problems.add("no yandex_lockbox_secret");
        }
        Map<String, Object> versions = new LinkedHashMap<>(map(resources.get("yandex_lockbox_secret_version_hashed")));
        versions.putAll(map(resources.get("yandex_lockbox_secret_version")));
        String versionText = versions.values().toString();
        if (!versionText.contains("METRICA_TOKEN") || !versionText.contains("RELAY_SECRET")) {
            problems.add("no Lockbox secret version with METRICA_TOKEN and RELAY_SECRET entries");
        }

        // The service account may pull the image and read the secret; anybody may invoke.
        List<Map<String, Object>> grants = resources.entrySet().stream()
                .filter(e -> e.getKey().endsWith("_iam_member") || e.getKey().endsWith("_iam_binding"))
                .flatMap(e -> map(e.getValue()).values().stream().map(InfraFilesTest::map)).toList();
        for (String role : List.of("container-registry.images.puller", "lockbox.payloadViewer")) {
            if (grants.stream().noneMatch(g -> role.equals(g.get("role"))
                    && String.valueOf(g.get("member")).contains("yandex_iam_service_account."))) {
                problems.add("the service account lacks " + role);
            }
        }
        boolean publicInvoke = map(resources.get("yandex_serverless_container_iam_binding")).values().stream()
                .map(InfraFilesTest::map).anyMatch(b -> "serverless.containers.invoker".equals(b.get("role"))
                        && list(b.get("members")).contains("system:allUsers"));
        if (!publicInvoke && map(resources.get("yandex_api_gateway")).isEmpty()) {
            problems.add("the container is not invocable by webhook senders (system:allUsers invoker or an API gateway)");
        }

        // Secrets are sensitive inputs without defaults.
        Map<String, Object> variables = map(tf.get("variable"));
        for (String secret : List.of("metrica_token", "relay_secret")) {
            Map<String, Object> v = map(variables.get(secret));
            if (v.isEmpty() || !Boolean.TRUE.equals(v.get("sensitive")) || v.containsKey("default")) {
                problems.add("variable " + secret + " must exist, be sensitive and have no default");
            }
        }

        problems.addAll(terraformQueueProblems(tf));

        Map<String, Object> outputs = map(tf.get("output"));
        if (!String.valueOf(map(outputs.get("webhook_base_url")).get("value")).contains("/hooks/")) {
            problems.add("no webhook_base_url output (<container url>/hooks/)");
        }
        if (!String.valueOf(map(outputs.get("container_url")).get("value")).startsWith("yandex_serverless_container.")) {
            problems.add("no container_url output with the container's invoke URL");
        }
        return problems;
    }

    /**
     * Queued delivery on Yandex Cloud (infra/README.md): a Message Queue with a dead-letter queue, hidden longer than a
     * flush can run; the container on its SQS-compatible endpoint without a timer of its own; a timer trigger that
     * posts /queue/flush/<secret> every 5 minutes; all of it only with delivery = "queued".
     */
    static List<String> terraformQueueProblems(Map<String, Object> tf) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> delivery = map(map(tf.get("variable")).get("delivery"));
        expect(problems, "variable delivery's default", "direct", delivery.get("default"));
        Map<String, Object> resources = map(tf.get("resource"));
        Map<String, Object> queue = map(map(resources.get("yandex_message_queue")).get("relay"));
        String redrive = String.valueOf(queue.get("redrive_policy"));
        if (!redrive.contains("deadLetterTargetArn") || !redrive.contains("maxReceiveCount") || !redrive.contains("dead_letter")) {
            problems.add("yandex_message_queue.relay needs a redrive_policy to the dead-letter queue, is " + redrive);
        }
        Object visibility = queue.get("visibility_timeout_seconds");
        Object timeout = container(tf).get("execution_timeout");
        if (!(visibility instanceof Number v) || !String.valueOf(timeout).contains("300s") || v.intValue() <= 300) {
            problems.add("the queue's visibility_timeout_seconds (" + visibility + ") must exceed the flush's execution timeout ("
                    + timeout + ")");
        }
        // hcl4j evaluates count with the variables' defaults: direct, so no queue
        if (!(queue.get("count") instanceof Number n) || n.intValue() != 0) {
            problems.add("the Message Queue must exist only with delivery = \"queued\" (count), count is " + queue.get("count"));
        }
        Map<String, Object> env = map(map(container(tf).get("image")).get("environment"));
        expect(problems, "RELAY_QUEUE_SQS_ENDPOINT", "https://message-queue.api.cloud.yandex.net", env.get("RELAY_QUEUE_SQS_ENDPOINT"));
        expect(problems, "RELAY_FLUSH_INTERVAL (the trigger flushes, not a timer)", "0", env.get("RELAY_FLUSH_INTERVAL"));
        if (!String.valueOf(env.get("RELAY_QUEUE_SQS_URL")).contains("yandex_message_queue.relay")) {
            problems.add("RELAY_QUEUE_SQS_URL must be the Message Queue's URL (its id), is " + env.get("RELAY_QUEUE_SQS_URL"));
        }
        Map<String, Object> trigger = map(map(resources.get("yandex_function_trigger")).get("flush"));
        String cron = String.valueOf(map(map(tf.get("variable")).get("flush_cron")).get("default"));
        String path = String.valueOf(map(trigger.get("container")).get("path"));
        if (!String.valueOf(map(trigger.get("timer")).get("cron_expression")).contains("flush_cron") || !cron.startsWith("*/5 ")
                || !path.startsWith("/queue/flush/")) {
            problems.add("no timer trigger that posts /queue/flush/<secret> every 5 minutes (cron " + cron + ", path " + path + ")");
        }
        return problems;
    }

    /** What infra/docker/README.md promises: non-root, AOT cache trained in a build stage and used at run time. */
    static List<String> dockerProblems(String dockerfile, String trainScript, String dockerignore) {
        List<String> problems = new ArrayList<>();
        List<List<String[]>> stages = stages(dockerfile);
        if (stages.size() < 2) {
            problems.add("expected a training stage and a runtime stage, found " + stages.size() + " stage(s)");
            return problems;
        }
        List<String[]> runtime = stages.get(stages.size() - 1);
        List<String[]> training = stages.subList(0, stages.size() - 1).stream().flatMap(List::stream).toList();

        if (!runtime.get(0)[1].equals(stages.get(0).get(0)[1].split("\\s+AS\\s+|\\s+as\\s+")[0])) {
            problems.add("training and runtime stages must use the same base image (an AOT cache is JVM-specific)");
        }
        List<String> users = args(runtime, "USER");
        if (users.isEmpty()) {
            problems.add("the runtime stage has no USER (it would run as root)");
        } else {
            String user = users.get(users.size() - 1).split(":")[0].trim();
            if (user.equals("root") || user.equals("0")) {
                problems.add("the runtime stage runs as root: USER " + users.get(users.size() - 1));
            }
        }
        String start = String.join(" ", args(runtime, "ENTRYPOINT")) + " " + String.join(" ", args(runtime, "CMD"));
        if (!start.contains("-XX:AOTCache=") || !start.contains("quarkus-run.jar")) {
            problems.add("the runtime stage must start java -XX:AOTCache=... -jar quarkus-run.jar, starts " + start);
        }
        if (!args(runtime, "EXPOSE").contains("8080")) {
            problems.add("the runtime stage must EXPOSE 8080");
        }
        if (args(runtime, "COPY").stream().noneMatch(a -> a.contains("--from="))) {
            problems.add("the runtime stage must copy the trained /app from the training stage");
        }
        // One set of JVM flags for training and running (the AOT cache records them), sized for small containers.
        List<String> toolOptions = instructions(dockerfile).stream().filter(i -> i[0].equals("ENV"))
                .map(i -> i[1]).filter(a -> a.startsWith("JAVA_TOOL_OPTIONS=")).toList();
        if (toolOptions.size() != 2 || !toolOptions.get(0).equals(toolOptions.get(1))) {
            problems.add("the training and runtime stages must set the same JAVA_TOOL_OPTIONS, found " + toolOptions);
        } else if (!List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=", "-Xmn", "-XX:MaxMetaspaceSize=")
                .stream().allMatch(toolOptions.get(0)::contains)) {
            problems.add("JAVA_TOOL_OPTIONS must set Serial GC, a heap share, a young generation and a metaspace cap "
                    + "(infra/README.md#memory), is " + toolOptions.get(0));
        }
        if (args(training, "RUN").stream().noneMatch(a -> a.contains("train-aot.sh"))) {
            problems.add("no training stage runs train-aot.sh");
        }
        if (!trainScript.contains("-XX:AOTCacheOutput=") || !trainScript.contains("curl")
                || !trainScript.contains("kill -TERM")) {
            problems.add("train-aot.sh must run java -XX:AOTCacheOutput, POST webhooks with curl and stop the JVM");
        }
        for (String[] instruction : instructions(dockerfile)) {
            if ((instruction[0].equals("ENV") || instruction[0].equals("ARG"))
                    && (instruction[1].contains("METRICA_TOKEN") || instruction[1].contains("RELAY_SECRET"))) {
                problems.add("a secret is baked into the image: " + instruction[0] + " " + instruction[1]);
            }
        }
        if (!dockerignore.lines().map(String::trim).toList().contains("!target/quarkus-app/")) {
            problems.add("Dockerfile.dockerignore must let target/quarkus-app/ into the build context");
        }
        return problems;
    }

    // ================================================================== parsing

    /** SnakeYAML with CloudFormation's short-form tags (!Ref, !Sub, ...) turned into their long form. */
    static Object parseYaml(String text) {
        return new Yaml(new CloudFormationConstructor()).load(text);
    }

    static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "GetAtt",
                    "ImportValue", "If", "Join", "Not", "Or", "Select", "Split", "Sub", "Transform", "Length",
                    "ToJsonString")) {
                yamlConstructors.put(new Tag("!" + fn), new LongForm("Fn::" + fn));
            }
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String s = constructScalar(scalar);
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute]
                    value = key.equals("Fn::GetAtt") ? List.of(s.split("\\.", 2)) : s;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
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

    /** Dockerfile instructions as {INSTRUCTION, arguments}: continuation lines joined, comments dropped. */
    static List<String[]> instructions(String dockerfile) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().trim().split("\\s+", 2);
            current.setLength(0);
            if (!parts[0].isEmpty()) {
                instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
            }
        }
        return instructions;
    }

    /** The instructions of each stage, from its FROM on (global ARGs before the first FROM are left out). */
    static List<List<String[]>> stages(String dockerfile) {
        List<List<String[]>> stages = new ArrayList<>();
        for (String[] instruction : instructions(dockerfile)) {
            if (instruction[0].equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(instruction);
            }
        }
        return stages;
    }

    static List<String> args(List<String[]> instructions, String name) {
        return instructions.stream().filter(i -> i[0].equals(name)).map(i -> i[1]).collect(Collectors.toList());
    }

    // ================================================================== helpers

    static Map<String, Object> samTemplate() throws IOException {
        return map(parseYaml(Files.readString(SAM_TEMPLATE)));
    }

    static String dockerfile() throws IOException {
        return Files.readString(DOCKER.resolve("Dockerfile"), StandardCharsets.UTF_8);
    }

    static String trainScript() throws IOException {
        return Files.readString(DOCKER.resolve("train-aot.sh"), StandardCharsets.UTF_8);
    }

    static String dockerignore() throws IOException {
        return Files.readString(DOCKER.resolve("Dockerfile.dockerignore"), StandardCharsets.UTF_8);
    }

    static Arguments broken(String what, Consumer<Map<String, Object>> breakIt, String expected) {
        return Arguments.of(what, breakIt, expected);
    }

    static Arguments brokenTf(String what, Consumer<Map<String, Object>> breakIt, String expected) {
        return Arguments.of(what, breakIt, expected);
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

    static Map<String, Object> container(Map<String, Object> tf) {
        return map(map(map(tf.get("resource")).get("yandex_serverless_container")).get("relay"));
    }

    static List<String> ofType(Map<String, Object> resources, String type) {
        return resources.entrySet().stream().filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).toList();
    }

    static List<Object> dimensionRefs(Map<String, Object> alarm, String dimension) {
        return list(alarm.get("Dimensions")).stream().map(InfraFilesTest::map)
                .filter(d -> dimension.equals(d.get("Name"))).map(d -> map(d.get("Value")).get("Ref"))
                .filter(Objects::nonNull).toList();
    }

    static String defaultOf(Map<String, Object> parameters, String name, String fallback) {
        Object value = map(parameters.get(name)).get("Default");
        return value == null ? fallback : value.toString();
    }

    static long durationMs(String duration) {
        return duration.endsWith("ms") ? Long.parseLong(duration.substring(0, duration.length() - 2))
                : Long.parseLong(duration.substring(0, duration.length() - 1)) * 1000;
    }

    static void expect(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(what + " must be " + expected + ", is " + actual);
        }
    }

    /** The value as a map; a missing or non-map value is an empty map, so checks report instead of throwing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    /** Terraform blocks given once parse as a map, given several times as a list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : value == null ? List.of() : List.of(value);
    }
}
