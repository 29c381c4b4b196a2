package ru.metricarelay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Imports flow one way (docs/architecture.md#packages): http, cli and lambda → relay → the features (source,
 * routing, metrica, failed, queue) → config → event and answer. No package imports one above it or a
 * sibling feature; the three rooms of relay (the webhook in relay itself, relay.flush, relay.operator) do not import
 * each other; top-level packages form no cycle. Read from the compiled classes by ArchUnit.
 */
class ArchitectureTest {

    static final List<String> FEATURES = List.of("source", "routing", "metrica", "failed", "queue");
    /** The rooms of relay besides the webhook's own (relay itself). */
    static final List<String> ROOMS = List.of("flush", "operator");

    /** The rules for the packages under {@code root}. */
    static List<ArchRule> rules(String root) {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("web").definedBy(root + ".http..", root + ".cli..", root + ".lambda..")
                .layer("orchestration").definedBy(root + ".relay..")
                .layer("features").definedBy(FEATURES.stream().map(f -> root + "." + f + "..").toArray(String[]::new))
                .layer("config").definedBy(root + ".config..")
                .layer("base").definedBy(root + ".event..", root + ".answer..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("orchestration").mayOnlyBeAccessedByLayers("web")
                .whereLayer("features").mayOnlyBeAccessedByLayers("web", "orchestration")
                .whereLayer("config").mayOnlyBeAccessedByLayers("web", "orchestration", "features")
                .withOptionalLayers(true);
        ArchRule features = slices().matching(root + ".(" + String.join("|", FEATURES) + ")..")
                .should().notDependOnEachOther().allowEmptyShould(true);
        ArchRule cycles = slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
        ArchRule rooms = slices().matching(root + ".relay.(*)..").should().notDependOnEachOther().allowEmptyShould(true);
        ArchRule webhookRoom = noClasses().that().resideInAPackage(root + ".relay").should().dependOnClassesThat()
                .resideInAnyPackage(ROOMS.stream().map(r -> root + ".relay." + r + "..").toArray(String[]::new))
                .allowEmptyShould(true);
        ArchRule otherRooms = noClasses().that().resideInAnyPackage(ROOMS.stream().map(r -> root + ".relay." + r + "..")
                .toArray(String[]::new)).should().dependOnClassesThat().resideInAPackage(root + ".relay").allowEmptyShould(true);
        return List.of(layers, features, cycles, rooms, webhookRoom, otherRooms);
    }

    static EvaluationResult evaluate(String root, ImportOption option) {
        JavaClasses classes = new ClassFileImporter().withImportOption(option).importPackages(root);
        List<ArchRule> rules = rules(root);
        EvaluationResult result = rules.get(0).evaluate(classes);
        rules.stream().skip(1).forEach(rule -> result.add(rule.evaluate(classes)));
        return result;
    }

    @Test
    void importsFlowOneWayAndFormNoCycle() {
        EvaluationResult result = evaluate("ru.metricarelay", new ImportOption.DoNotIncludeTests());
        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }

    /** The same rules catch each kind of mistake, planted in ru.metricarelay.archfixture. */
    @Test
    void theRulesCatchAnUpwardImportASiblingFeatureARoomImportAndACycle() {
        EvaluationResult result = evaluate("ru.metricarelay.archfixture", location -> true);
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("archfixture.event.Upward"), report);      // event → http
        assertTrue(report.contains("archfixture.metrica.Sibling"), report);   // metrica → source
        assertTrue(report.contains("Cycle detected"), report);                // source → metrica → source
        assertTrue(report.contains("relay.flush.Room") && report.contains("relay.operator.Desk"), report);  // room → room
        assertTrue(report.contains("relay.Webhook"), report);                 // flush room → webhook room
    }
}
