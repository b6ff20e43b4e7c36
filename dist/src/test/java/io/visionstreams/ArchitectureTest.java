package io.visionstreams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The packages depend in one direction, the order the data flows: contracts at the bottom, the service's
 * stages above them, the tools and benchmarks on top. A package may use the ones below it, never one
 * above. A new package takes its place in {@link #LAYERS}.
 */
class ArchitectureTest {

    /** Bottom to top; each entry is one layer (packages of one layer may not use each other's either way round). */
    static final List<String[]> LAYERS = List.of(
            new String[] {"io.visionstreams.avro..", "io.visionstreams.results.."}, // contracts (module contracts)
            new String[] {"io.visionstreams.registry.."},
            new String[] {"io.visionstreams.ops.."},
            new String[] {"io.visionstreams.ingest.."},
            new String[] {"io.visionstreams.inference.."},
            new String[] {"io.visionstreams.batching.."},
            new String[] {"io.visionstreams.task.."},
            new String[] {"io.visionstreams.tracking.."},
            new String[] {"io.visionstreams.config.."},
            new String[] {"io.visionstreams.topology.."},
            new String[] {"io.visionstreams.ui.."},
            new String[] {"io.visionstreams.app.."},                            // top of module service
            new String[] {"io.visionstreams.embedded.."},                       // module embedded-kafka
            new String[] {"io.visionstreams.client.."},                         // module tools
            new String[] {"io.visionstreams.eval.."},
            new String[] {"io.visionstreams.cli.."},
            new String[] {"io.visionstreams.bench.."});                         // module bench

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.visionstreams");
    }

    @Test
    void everyProductionPackageHasItsPlace() {
        List<String> placed = LAYERS.stream().flatMap(Arrays::stream).map(p -> p.substring(0, p.length() - 2)).toList();
        noClasses().should().resideOutsideOfPackages(LAYERS.stream().flatMap(Arrays::stream).toArray(String[]::new))
                .because("every package is placed in ArchitectureTest.LAYERS (placed: " + placed + ")")
                .check(classes);
    }

    @TestFactory
    Stream<DynamicTest> noPackageUsesOneAboveIt() {
        return IntStream.range(0, LAYERS.size() - 1).mapToObj(i -> DynamicTest.dynamicTest(
                String.join(",", LAYERS.get(i)) + " uses nothing above it", () -> {
                    nothingAbove(i).check(classes);
                }));
    }

    @Test
    void theRuleCatchesAnImportAgainstTheDirection() {
        // ingest.ArchitectureViolationFixture (test sources) reads the configuration, which sits above ingest
        JavaClasses fixture = new ClassFileImporter().importClasses(
                io.visionstreams.ingest.ArchitectureViolationFixture.class, io.visionstreams.config.VisionConfig.class);
        int ingest = IntStream.range(0, LAYERS.size()).filter(i -> LAYERS.get(i)[0].equals("io.visionstreams.ingest.."))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> nothingAbove(ingest).check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ArchitectureViolationFixture").hasMessageContaining("VisionConfig");
    }

    private static ArchRule nothingAbove(int layer) {
        String[] above = LAYERS.subList(layer + 1, LAYERS.size()).stream().flatMap(Arrays::stream).toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(LAYERS.get(layer)).should().dependOnClassesThat()
                .resideInAnyPackage(above).allowEmptyShould(true);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("io.visionstreams.(*)..").should().beFreeOfCycles().check(classes);
    }
}
