package ru.metricarelay.infra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.params.provider.Arguments;
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
 * What the infra/ tests share. The deploy recipes under infra/ cannot be deployed from a build machine, so the tests
 * in this package read them the way their tools would and check the facts the recipes promise: the SAM template
 * ({@link SamTemplateTest}; parsed as YAML, CloudFormation short-form tags mapped to their long form), the Terraform
 * configuration ({@link TerraformTest}; parsed by hcl4j, a real HCL parser) and the Dockerfile
 * ({@link DockerfileTest}; split into instructions). Each check is a function returning the problems it found, so
 * the negative tests can prove it fails on a broken recipe. No Quarkus boot.
 */
final class InfraFiles {

    static final Path INFRA = Path.of("infra");
    static final Path SAM_TEMPLATE = INFRA.resolve("aws/template.yaml");

    private InfraFiles() {
    }

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

    /** A broken-recipe case: what was broken, how to break a freshly read recipe, a word the problem must mention. */
    static Arguments broken(String what, Consumer<Map<String, Object>> breakIt, String expected) {
        return Arguments.of(what, breakIt, expected);
    }

    /** Breaks {@code recipe} and asserts that {@code check} reports a problem mentioning {@code expected}. */
    static void assertCaught(String what, Map<String, Object> recipe, Consumer<Map<String, Object>> breakIt,
            Function<Map<String, Object>, List<String>> check, String expected) {
        breakIt.accept(recipe);
        List<String> problems = check.apply(recipe);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                what + ": expected a problem mentioning '" + expected + "', got " + problems);
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
