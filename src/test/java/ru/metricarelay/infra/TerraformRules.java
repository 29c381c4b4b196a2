package ru.metricarelay.infra;

import static ru.metricarelay.infra.InfraFiles.expect;
import static ru.metricarelay.infra.InfraFiles.list;
import static ru.metricarelay.infra.InfraFiles.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks {@link TerraformTest} runs on the merged Terraform configuration: each returns the problems it found. */
final class TerraformRules {

    private TerraformRules() {
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
            boolean bound = list(c.get("secrets")).stream().map(InfraFiles::map)
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
                .flatMap(e -> map(e.getValue()).values().stream().map(InfraFiles::map)).toList();
        for (String role : List.of("container-registry.images.puller", "lockbox.payloadViewer")) {
            if (grants.stream().noneMatch(g -> role.equals(g.get("role"))
                    && String.valueOf(g.get("member")).contains("yandex_iam_service_account."))) {
                problems.add("the service account lacks " + role);
            }
        }
        boolean publicInvoke = map(resources.get("yandex_serverless_container_iam_binding")).values().stream()
                .map(InfraFiles::map).anyMatch(b -> "serverless.containers.invoker".equals(b.get("role"))
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
        problems.addAll(runtimeProblems(tf));

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

    /**
     * The image's runtime (infra/yandex-cloud/README.md): var.runtime picks the JVM image (the default) or the native one,
     * and the container is started with what that image needs — the native executable with a heap limit of half the
     * revision's memory as an argument, the JVM image with nothing (its memory comes in JDK_JAVA_OPTIONS).
     */
    static List<String> runtimeProblems(Map<String, Object> tf) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> runtime = map(map(tf.get("variable")).get("runtime"));
        if (!"jvm".equals(runtime.get("default")) || runtime.get("validation") == null
                || !String.valueOf(runtime.get("description")).contains("native")) {
            problems.add("variable runtime must choose jvm (the default) or native, with a validation; is " + runtime);
        }
        Map<String, Object> startArgs = map(map(tf.get("locals")).get("start_args"));
        List<Object> nativeArgs = list(startArgs.get("native"));
        if (!list(startArgs.get("jvm")).isEmpty() || nativeArgs.size() != 1 || !String.valueOf(nativeArgs.get(0)).startsWith("-Xmx")) {
            problems.add("local.start_args must give the native executable a heap limit (-Xmx, half of var.memory_mb) and the "
                    + "JVM image nothing, is " + startArgs);
        }
        String args = String.valueOf(map(container(tf).get("image")).get("args")); // hcl4j: the expression, unevaluated
        if (!args.contains("local.start_args") || !args.contains("var.runtime")) {
            problems.add("the container's image.args must be local.start_args[var.runtime], is " + args);
        }
        return problems;
    }

    static Map<String, Object> container(Map<String, Object> tf) {
        return map(map(map(tf.get("resource")).get("yandex_serverless_container")).get("relay"));
    }
}
