package io.xastream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dashboard's rooms as rules: per component a boundary (the REST resources) over control (the
 * readers and the operator's actions) over entity (what is shown), with no way back up; no cycle
 * between components but the one named below; names that say what a class is.
 */
class ArchitectureTest {

    private static final JavaClasses DASHBOARD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.xastream");

    @Test
    void boundaryOverControlOverEntity() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("boundary").definedBy("..boundary..")
                .layer("control").definedBy("..control..")
                .layer("entity").definedBy("..entity..")
                .whereLayer("boundary").mayNotBeAccessedByAnyLayer()
                .whereLayer("control").mayOnlyBeAccessedByLayers("boundary")
                .whereLayer("entity").mayOnlyBeAccessedByLayers("boundary", "control")
                .check(DASHBOARD);
    }

    @Test
    void restResourcesAreBoundaries() {
        classes().that().areAnnotatedWith(Path.class).should().resideInAPackage("..boundary..").check(DASHBOARD);
    }

    /**
     * One known cycle is left: monitoring shows what the operator's actions did (parked records,
     * the audit) and hosts the in-doubt actions, while those actions read through monitoring's
     * readers (log store, broker, in-doubt view). Any other cycle fails.
     */
    @Test
    void componentsHaveNoOtherCycle() {
        slices().matching("io.xastream.(*)..").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("io.xastream.monitoring.."), resideInAPackage("io.xastream.operation.."))
                .check(DASHBOARD);
    }

    @Test
    void noImplOrManagerNames() {
        noClasses().should().haveSimpleNameEndingWith("Impl").orShould().haveSimpleNameEndingWith("Manager").check(DASHBOARD);
    }
}
