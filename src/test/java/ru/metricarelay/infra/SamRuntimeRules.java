package ru.metricarelay.infra;

import static ru.metricarelay.infra.InfraFiles.list;
import static ru.metricarelay.infra.InfraFiles.map;
import static ru.metricarelay.infra.SamTemplateRules.defaultOf;
import static ru.metricarelay.infra.SamTemplateRules.durationMs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SAM template's choice of runtime (infra/aws/README.md): the JVM build on java21 with SnapStart, or the native
 * executable on provided.al2023 as 'bootstrap', on arm64 or x86_64, with the same API, alias and permissions (one
 * function resource whose properties follow the Runtime parameter). Part of {@link SamTemplateRules#samProblems}.
 */
final class SamRuntimeRules {

    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    /** The functions that run target/function.zip: whichever build it holds, both run it the same way. */
    static final List<String> FUNCTIONS = List.of("RelayFunction", "FlushFunction");

    private SamRuntimeRules() {
    }

    static List<String> runtimeProblems(Map<String, Object> t) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> parameters = map(t.get("Parameters"));
        Map<String, Object> runtime = map(parameters.get("Runtime"));
        if (!(runtime.get("AllowedValues") instanceof List<?> runtimes) || !runtimes.containsAll(List.of("java21", "native"))
                || !"java21".equals(runtime.get("Default"))) {
            problems.add("a Runtime parameter (java21, the default, or native) is missing");
        }
        String nativeIf = map(t.get("Conditions")).entrySet().stream()
                .filter(c -> Objects.equals(map(c.getValue()).get("Fn::Equals"), List.of(Map.of("Ref", "Runtime"), "native")))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (nativeIf == null) {
            problems.add("no condition !Equals [!Ref Runtime, native] for the native choice");
        }
        for (String name : FUNCTIONS) {
            Map<String, Object> fn = map(map(map(t.get("Resources")).get(name)).get("Properties"));
            if (fn.isEmpty()) {
                continue; // FlushFunction exists only in the queued template; queueProblems checks it is there
            }
            choice(problems, name + " Runtime", fn.get("Runtime"), nativeIf, "provided.al2023", "java21");
            choice(problems, name + " Handler (native: the zip's executable, bootstrap)", fn.get("Handler"), nativeIf,
                    "bootstrap", HANDLER);
            Object architecture = map(list(fn.get("Architectures")).stream().findFirst().orElse(null)).get("Ref");
            Map<String, Object> arch = map(parameters.get(architecture));
            if (list(fn.get("Architectures")).size() != 1 || !(arch.get("AllowedValues") instanceof List<?> archs)
                    || !archs.containsAll(List.of("arm64", "x86_64")) || !"arm64".equals(arch.get("Default"))) {
                problems.add(name + " Architectures must be [!Ref <parameter of arm64 (default) or x86_64>], is "
                        + fn.get("Architectures"));
            }
            choice(problems, name + " DISABLE_SIGNAL_HANDLERS", map(map(fn.get("Environment")).get("Variables"))
                    .get("DISABLE_SIGNAL_HANDLERS"), nativeIf, "true", Map.of("Ref", "AWS::NoValue"));
        }
        Map<String, Object> fn = map(map(map(t.get("Resources")).get("RelayFunction")).get("Properties"));
        problems.addAll(sizingProblems(fn, parameters, nativeIf));

        // SnapStart: the JVM's only; Lambda refuses it for provided.al2023.
        Object applyOn = map(fn.get("SnapStart")).get("ApplyOn");
        String snapIf = map(applyOn).get("Fn::If") instanceof List<?> iff && iff.size() == 3
                && "PublishedVersions".equals(iff.get(1)) && "None".equals(iff.get(2)) ? String.valueOf(iff.get(0)) : null;
        String snapCondition = String.valueOf(map(t.get("Conditions")).get(snapIf));
        if (!(map(parameters.get("EnableSnapStart")).get("AllowedValues") instanceof List<?> allowed)
                || !allowed.containsAll(List.of("true", "false"))) {
            problems.add("SnapStart: parameter EnableSnapStart with AllowedValues true/false is missing");
        }
        if (snapIf == null || !snapCondition.contains("EnableSnapStart") || nativeIf == null
                || !snapCondition.contains("Fn::Not=[{Condition=" + nativeIf + "}]")) {
            problems.add("SnapStart: ApplyOn must be !If [<EnableSnapStart and not native>, PublishedVersions, None], is "
                    + applyOn + " with " + snapCondition);
        }
        if (!(fn.get("AutoPublishAlias") instanceof String alias) || alias.isBlank()) {
            problems.add("SnapStart needs AutoPublishAlias (it applies to published versions only)");
        }
        return problems;
    }

    /** Memory, timeout and JVM flags, each sized for its runtime. */
    static List<String> sizingProblems(Map<String, Object> fn, Map<String, Object> parameters, String nativeIf) {
        List<String> problems = new ArrayList<>();
        List<?> memory = branches(fn.get("MemorySize"), nativeIf);
        Map<String, Object> jvmMemory = map(parameters.get(map(memory.get(1)).get("Ref")));
        Map<String, Object> nativeMemory = map(parameters.get(map(memory.get(0)).get("Ref")));
        int jvmMb = jvmMemory.get("Default") instanceof Number n ? n.intValue() : -1;
        int nativeMb = nativeMemory.get("Default") instanceof Number n ? n.intValue() : -1;
        // infra/README.md#memory: about 512 MB for the JVM, allowing the 128 MB its flags fit; less for a native start.
        if (jvmMb < 384 || jvmMb > 1024 || !(jvmMemory.get("AllowedValues") instanceof List<?> sizes) || !sizes.contains(128)) {
            problems.add("MemorySize (java21) must be a parameter defaulting to about 512 MB and allowing 128, is "
                    + fn.get("MemorySize"));
        }
        if (nativeMb < 128 || nativeMb >= jvmMb) {
            problems.add("MemorySize (native) must be a parameter defaulting to 128 MB or more and less than the JVM's, is "
                    + fn.get("MemorySize"));
        }
        // Timeout: above the relay deadline and within what API Gateway waits (30 s); native: headroom for a start under 1 s.
        long deadlineMs = durationMs(defaultOf(parameters, "RelayDeadline", "4s"));
        List<?> timeout = branches(fn.get("Timeout"), nativeIf);
        int nativeS = timeout.get(0) instanceof Number n ? n.intValue() : -1;
        int jvmS = timeout.get(1) instanceof Number n ? n.intValue() : -1;
        if (jvmS * 1000L <= deadlineMs || jvmS > 30 || nativeS * 1000L <= deadlineMs || nativeS * 1000L > deadlineMs + 3000) {
            problems.add("Timeout must be !If [native, above the relay deadline (" + deadlineMs + " ms) by at most 3 s, "
                    + "above it and at most 30 s], is " + fn.get("Timeout"));
        }
        List<?> flags = branches(map(map(fn.get("Environment")).get("Variables")).get("JAVA_TOOL_OPTIONS"), nativeIf);
        String jvm = String.valueOf(flags.get(1));
        if (!Objects.equals(flags.get(0), Map.of("Ref", "AWS::NoValue")) || !List.of("-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmn", "-XX:MaxMetaspaceSize=", "-XX:ActiveProcessorCount=2").stream().allMatch(jvm::contains)) {
            problems.add("JAVA_TOOL_OPTIONS must be !If [native, AWS::NoValue, <C1 only and the small-memory settings: Serial GC, "
                    + "young generation and metaspace caps, 2 processors; infra/README.md#memory>], is " + flags);
        }
        return problems;
    }

    private static void choice(List<String> problems, String what, Object value, String nativeIf, Object ifNative, Object ifJvm) {
        Object expected = Map.of("Fn::If", List.of(String.valueOf(nativeIf), ifNative, ifJvm));
        if (!Objects.equals(expected, value)) {
            problems.add(what + " must be !If [" + nativeIf + ", " + ifNative + ", " + ifJvm + "], is " + value);
        }
    }

    /** [native value, JVM value] of an !If on the native condition; a plain value counts for both. */
    private static List<?> branches(Object value, String nativeIf) {
        if (map(value).get("Fn::If") instanceof List<?> iff && iff.size() == 3 && Objects.equals(iff.get(0), nativeIf)) {
            return List.of(iff.get(1), iff.get(2));
        }
        return java.util.Arrays.asList(value, value);
    }
}
