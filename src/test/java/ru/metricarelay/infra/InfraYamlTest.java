package ru.metricarelay.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.metricarelay.infra.InfraFiles.INFRA;
import static ru.metricarelay.infra.InfraFiles.SAM_TEMPLATE;
import static ru.metricarelay.infra.InfraFiles.parseYaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every YAML file under infra/ parses, CloudFormation short-form tags included (see {@link InfraFiles}). */
class InfraYamlTest {

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
    void shortFormTagsBecomeLongForm() {
        Object doc = parseYaml("a: !Ref X\nb: !GetAtt Api.ApiEndpoint\nc: !Sub 'x-${X}'\nd: !If [C, 1, 2]\n");
        assertEquals(Map.of("a", Map.of("Ref", "X"), "b", Map.of("Fn::GetAtt", List.of("Api", "ApiEndpoint")),
                "c", Map.of("Fn::Sub", "x-${X}"), "d", Map.of("Fn::If", List.of("C", 1, 2))), doc);
    }
}
