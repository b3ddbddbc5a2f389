package io.xastream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.Startup;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rooms of the stage code (boundary, control, entity per component) as rules: a boundary uses
 * control and entity, control uses entity, an entity uses neither; no component's control or entity
 * reaches into another component's boundary; names say what a class is, not that it implements
 * or manages something.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.xastream");

    @Test
    void entitiesDependOnNeitherControlNorBoundary() {
        noClasses().that().resideInAPackage("..entity..")
                .should().dependOnClassesThat().resideInAnyPackage("..control..", "..boundary..")
                .because("an entity is what is stored or sent, and knows nothing of who handles it")
                .check(CLASSES);
    }

    @Test
    void controlDoesNotDependOnBoundaries() {
        noClasses().that().resideInAPackage("..control..")
                .should().dependOnClassesThat().resideInAPackage("..boundary..")
                .because("a boundary (listener, resource, consumer thread) calls control, never the other way")
                .check(CLASSES);
    }

    @Test
    void componentsHaveNoCycles() {
        slices().matching("io.xastream.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void listenersAndStartupBeansAreBoundaries() {
        classes().that().areAnnotatedWith(MessageDriven.class).or().areAnnotatedWith(Startup.class)
                .should().resideInAPackage("..boundary..")
                .because("what the container calls on its own (deliveries, start-up) is a component's boundary")
                .check(CLASSES);
    }

    @Test
    void namesSayWhatAClassIs() {
        noClasses().should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Manager")
                .check(CLASSES);
    }
}
