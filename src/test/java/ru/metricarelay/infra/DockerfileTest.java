package ru.metricarelay.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.metricarelay.infra.InfraFiles.INFRA;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The Dockerfile (infra/docker), split into instructions, keeps the promises of infra/docker/README.md; the broken
 * Dockerfiles below prove the check fails on a broken recipe. No Quarkus boot.
 */
class DockerfileTest {

    static final Path DOCKER = INFRA.resolve("docker");

    @Test
    void dockerfileKeepsItsPromises() throws IOException {
        assertEquals(List.of(), dockerProblems(dockerfile(), trainScript(), dockerignore()));
        assertEquals(List.of(), nativeProblems(dockerfile(), dockerignore()));
    }

    /** Each way of breaking the native stage, and a word the problem must mention. */
    @Test
    void nativeChecksFailOnBrokenNativeStages() throws IOException {
        String good = dockerfile();
        String nativeStage = good.substring(good.indexOf("FROM ${NATIVE_IMAGE} AS native"), good.indexOf("FROM ${JAVA_IMAGE} AS train"));
        String ignore = dockerignore();
        nativeCaught("a root user", good.replace(nativeStage, nativeStage.replace("USER 10001:10001", "USER 0")), ignore, "non-root USER");
        nativeCaught("no USER", good.replace(nativeStage, nativeStage.replace("USER 10001:10001", "")), ignore, "non-root USER");
        nativeCaught("a JVM base image", good.replace("ARG NATIVE_IMAGE=quay.io/quarkus/ubi9-quarkus-micro-image:2.0",
                "ARG NATIVE_IMAGE=eclipse-temurin:25-jre-noble"), ignore, "minimal base image");
        nativeCaught("native as the default target", good.replace(nativeStage, "") + "\n" + nativeStage, ignore, "default target");
        nativeCaught("a JVM entry point", good.replace(nativeStage, nativeStage.replace("ENTRYPOINT [\"/app/relay\"]",
                "ENTRYPOINT [\"java\", \"-jar\", \"/app/quarkus-run.jar\"]")), ignore, "ENTRYPOINT");
        nativeCaught("another port", good.replace(nativeStage, nativeStage.replace("EXPOSE 8080", "EXPOSE 9090")), ignore, "EXPOSE");
        nativeCaught("no PORT", good.replace(nativeStage, nativeStage.replace("ENV PORT=8080", "")), ignore, "ENV");
        nativeCaught("a health check in one image only", good + "\nHEALTHCHECK CMD [\"java\", \"-version\"]\n", ignore, "HEALTHCHECK");
        nativeCaught("JVM flags", good.replace(nativeStage, nativeStage + "ENV JAVA_TOOL_OPTIONS=-Xmx64m\n"), ignore, "ENV");
        assertTrue(nativeProblems(good, "*\n!target/quarkus-app/\n").stream().anyMatch(p -> p.contains("target/*-runner")),
                "a context without the executable is caught");
    }

    static void nativeCaught(String what, String dockerfile, String dockerignore, String word) {
        List<String> problems = nativeProblems(dockerfile, dockerignore);
        assertTrue(problems.stream().anyMatch(p -> p.contains(word)), what + ": expected a problem mentioning " + word + ", got " + problems);
    }

    /**
     * infra/docker/README.md's native stage: selected with --target native (the JVM image stays the default), the
     * executable alone on a minimal, JVM-free base image, with the JVM image's user, port, environment and health checks.
     */
    static List<String> nativeProblems(String dockerfile, String dockerignore) {
        List<String> problems = new ArrayList<>();
        List<List<String[]>> stages = stages(dockerfile);
        List<String[]> jvm = stages.get(stages.size() - 1);
        List<String[]> nat = stages.stream().filter(st -> st.get(0)[1].endsWith(" AS native")).findFirst().orElse(null);
        if (nat == null) {
            problems.add("no stage named native (docker build --target native)");
            return problems;
        }
        if (nat == jvm) {
            problems.add("the native stage must not be the last one: the default target stays the JVM image");
        }
        String base = nat.get(0)[1].split("\\s+")[0];
        String image = base.startsWith("${") ? argDefault(dockerfile, base.substring(2, base.length() - 1)) : base;
        if (image == null || image.matches(".*(jdk|jre|temurin|openjdk|java).*") || !image.matches(".*(micro|minimal|distroless).*")) {
            problems.add("the native stage must start from a minimal base image without a JVM, starts from " + image);
        }
        List<String> users = args(nat, "USER");
        if (users.isEmpty() || users.get(users.size() - 1).split(":")[0].trim().matches("root|0")) {
            problems.add("the native stage must run as a non-root USER (as the JVM image: " + args(jvm, "USER") + "), has " + users);
        } else if (!users.equals(args(jvm, "USER"))) {
            problems.add("the native stage's USER " + users + " differs from the JVM image's " + args(jvm, "USER"));
        }
        for (String same : List.of("EXPOSE", "HEALTHCHECK")) {
            if (!args(nat, same).equals(args(jvm, same))) {
                problems.add("the native stage's " + same + " " + args(nat, same) + " differs from the JVM image's " + args(jvm, same));
            }
        }
        List<String> jvmEnv = args(jvm, "ENV").stream().filter(e -> !e.startsWith("JAVA_TOOL_OPTIONS=")).toList();
        if (!args(nat, "ENV").equals(jvmEnv)) {
            problems.add("the native stage's ENV " + args(nat, "ENV") + " differs from the JVM image's " + jvmEnv
                    + " (a PORT, and no JAVA_TOOL_OPTIONS: an executable reads none)");
        }
        String copied = args(nat, "COPY").stream().filter(c -> c.contains("target/*-runner")).findFirst().orElse("");
        String entry = String.join(" ", args(nat, "ENTRYPOINT"));
        if (copied.isEmpty() || !entry.contains("\"" + copied.substring(copied.lastIndexOf(' ') + 1) + "\"") || entry.contains("java")) {
            problems.add("the native stage must COPY target/*-runner and make it the ENTRYPOINT, has COPY " + args(nat, "COPY")
                    + " and ENTRYPOINT " + entry);
        }
        if (!dockerignore.lines().map(String::trim).toList().contains("!target/*-runner")) {
            problems.add("Dockerfile.dockerignore must let target/*-runner into the build context");
        }
        return problems;
    }

    static String argDefault(String dockerfile, String name) {
        return instructions(dockerfile).stream().filter(i -> i[0].equals("ARG") && i[1].startsWith(name + "="))
                .map(i -> i[1].substring(name.length() + 1)).findFirst().orElse(null);
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

    /** What infra/docker/README.md promises: non-root, AOT cache trained in a build stage and used at run time. */
    static List<String> dockerProblems(String dockerfile, String trainScript, String dockerignore) {
        List<String> problems = new ArrayList<>();
        List<List<String[]>> stages = stages(dockerfile);
        if (stages.size() < 2) {
            problems.add("expected a training stage and a runtime stage, found " + stages.size() + " stage(s)");
            return problems;
        }
        List<String[]> runtime = stages.get(stages.size() - 1);
        List<String[]> training = stages.stream().filter(st -> st.get(0)[1].endsWith(" AS train")).findFirst().orElse(List.of());
        if (training.isEmpty()) {
            problems.add("no stage named train");
            return problems;
        }

        if (!runtime.get(0)[1].equals(training.get(0)[1].split("\\s+AS\\s+|\\s+as\\s+")[0])) {
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

    static String dockerfile() throws IOException {
        return Files.readString(DOCKER.resolve("Dockerfile"), StandardCharsets.UTF_8);
    }

    static String trainScript() throws IOException {
        return Files.readString(DOCKER.resolve("train-aot.sh"), StandardCharsets.UTF_8);
    }

    static String dockerignore() throws IOException {
        return Files.readString(DOCKER.resolve("Dockerfile.dockerignore"), StandardCharsets.UTF_8);
    }
}
