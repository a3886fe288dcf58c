package dev.nightly.flatpak;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine stays plain Java behind its ports (the test kit lives in the test jar, out of its reach). */
class ArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.nightly.flatpak");

    @Test
    void thePortKnowsNothingOfTheOrchestration() {
        noClasses().that().resideInAPackage("..flatpak.process..")
                .should().dependOnClassesThat().resideInAnyPackage("..flatpak.build..", "..flatpak.publish..",
                        "..flatpak.destination..", "..flatpak.gpg..", "..flatpak.repo..", "..flatpak.verify..")
                .check(ENGINE);
    }

    @Test
    void noJenkinsAndNoCommandLine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "dev.nightly.cli..", "picocli..")
                .check(ENGINE);
    }
}
