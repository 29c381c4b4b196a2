package ru.metricarelay.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
