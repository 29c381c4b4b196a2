package ru.metricarelay.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ru.metricarelay.infra.InfraFiles.assertCaught;
import static ru.metricarelay.infra.InfraFiles.broken;
import static ru.metricarelay.infra.InfraFiles.list;
import static ru.metricarelay.infra.InfraFiles.map;
import static ru.metricarelay.infra.InfraFiles.parseYaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * .github/workflows/native.yml, the only place the native recipes are built (docs/performance.md, "Ship it"): the
 * native-sources check first, the native Lambda zip on both architectures the SAM template offers with an executable
 * bootstrap that answers an API Gateway event in Lambda's provided.al2023 image, uploaded, and the native container image
 * built and started as non-root.
 */
class NativeWorkflowTest {

    static final Path WORKFLOW = Path.of(".github/workflows/native.yml");

    @Test
    void theWorkflowBuildsEveryNativeRecipe() throws IOException {
        assertEquals(List.of(), problems(workflow()));
    }

    static Stream<Arguments> brokenWorkflows() {
        return Stream.of(
                broken("no arm64 build", w -> list(map(map(job(w, "lambda").get("strategy")).get("matrix")).get("include"))
                        .removeIf(e -> "arm64".equals(map(e).get("architecture"))), "arm64"),
                broken("arm64 built on an x86 runner", w -> list(map(map(job(w, "lambda").get("strategy")).get("matrix")).get("include"))
                        .forEach(e -> map(e).put("runner", "ubuntu-latest")), "arm64"),
                broken("bootstrap not checked", w -> steps(w, "lambda").removeIf(s -> run(s).contains("bootstrap")), "bootstrap"),
                broken("function.zip not uploaded", w -> steps(w, "lambda").removeIf(s -> String.valueOf(s).contains("upload-artifact")),
                        "function.zip"),
                broken("the executable never invoked", w -> steps(w, "lambda").removeIf(s -> run(s).contains("provided:al2023")),
                        "provided.al2023"),
                broken("no Lambda tests", w -> steps(w, "lambda").forEach(s -> map(s)
                        .computeIfPresent("run", (k, v) -> String.valueOf(v).replace("-Dtest='Lambda*,", "-Dtest='"))), "Lambda tests"),
                broken("native image not built", w -> steps(w, "http").removeIf(s -> run(s).contains("--target native")),
                        "--target native"),
                broken("native image user not checked", w -> steps(w, "http").removeIf(s -> run(s).contains("10001")), "non-root"),
                broken("builds before the readiness check", w -> job(w, "lambda").remove("needs"), "needs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenWorkflows")
    void workflowChecksFailOnBrokenWorkflows(String what, Consumer<Map<String, Object>> breakIt, String expected) throws IOException {
        assertCaught(what, workflow(), breakIt, NativeWorkflowTest::problems, expected);
    }

    static List<String> problems(Map<String, Object> w) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> jobs = map(w.get("jobs"));
        String readiness = jobs.entrySet().stream().filter(j -> runs(j.getValue()).contains("-Dquarkus.native.sources-only=true")
                && runs(j.getValue()).contains("NativeSourcesTest") && runs(j.getValue()).contains("-Dnative.sources="))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (readiness == null) {
            problems.add("no job runs the native-sources step and NativeSourcesTest on its output");
        }
        jobs.forEach((name, job) -> {
            if (!name.equals(readiness) && runs(job).matches("(?s).*-P(lambda,)?native .*")
                    && !list(map(job).get("needs")).contains(readiness)) {
                problems.add("job " + name + " builds natively without first passing the readiness job (needs: " + readiness + ")");
            }
        });
        Map<String, Object> lambda = jobs.values().stream().map(InfraFiles::map).filter(j -> runs(j).contains("-Plambda,native"))
                .findFirst().orElse(Map.of());
        List<Map<String, Object>> archs = list(map(map(lambda.get("strategy")).get("matrix")).get("include")).stream()
                .map(InfraFiles::map).toList();
        for (String arch : List.of("x86_64", "arm64")) {
            boolean built = archs.stream().anyMatch(a -> arch.equals(a.get("architecture"))
                    && String.valueOf(a.get("runner")).contains("arm") == arch.equals("arm64"));
            if (!built || !String.valueOf(lambda.get("runs-on")).contains("matrix.runner")) {
                problems.add("the native Lambda zip is not built on a " + arch + " runner (the SAM template offers " + arch + ")");
            }
        }
        String lambdaRuns = runs(lambda);
        if (!lambdaRuns.contains("-Plambda,native") || !lambdaRuns.contains("-Dtest='Lambda*")
                || !lambdaRuns.contains("public.ecr.aws/lambda/provided:al2023") || !lambdaRuns.contains("/invocations")
                || !lambdaRuns.contains("\"statusCode\":200")) {
            problems.add("the native Lambda job must run the Lambda tests and have bootstrap answer an event in provided.al2023");
        }
        if (!lambdaRuns.contains("zipinfo target/function.zip bootstrap") || !lambdaRuns.contains("-rwx")
                || !lambdaRuns.contains("file target/zip-check/bootstrap")) {
            problems.add("the native Lambda job must check that function.zip holds an executable bootstrap for its architecture");
        }
        if (!String.valueOf(lambda.get("steps")).contains("path=target/function.zip")) {
            problems.add("the native Lambda job must upload target/function.zip");
        }
        String all = jobs.values().stream().map(NativeWorkflowTest::runs).collect(Collectors.joining("\n"));
        if (!all.contains("docker build -f infra/docker/Dockerfile --target native")) {
            problems.add("no job builds the native container image (docker build ... --target native)");
        }
        if (!all.contains("{{.Config.User}}") || !all.contains("10001:10001") || !all.contains("docker run")) {
            problems.add("no job checks that the native image runs as non-root (10001) and starts it");
        }
        return problems;
    }

    static Map<String, Object> workflow() throws IOException {
        return map(parseYaml(Files.readString(WORKFLOW)));
    }

    static Map<String, Object> job(Map<String, Object> w, String name) {
        return map(map(w.get("jobs")).get(name));
    }

    static List<Object> steps(Map<String, Object> w, String job) {
        return list(job(w, job).get("steps"));
    }

    static String run(Object step) {
        return String.valueOf(map(step).get("run"));
    }

    static String runs(Object job) {
        return list(map(job).get("steps")).stream().map(NativeWorkflowTest::run).collect(Collectors.joining("\n"));
    }
}
