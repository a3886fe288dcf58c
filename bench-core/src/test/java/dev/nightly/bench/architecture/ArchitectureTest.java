package dev.nightly.bench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of the engine: a model at the bottom, readers of formats and the store above it, checks
 * above the store, charts and the report on top; nothing of Jenkins anywhere, so that the plugin stays a
 * thin adapter and the CLI needs no Jenkins.
 */
@AnalyzeClasses(packages = "dev.nightly.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule NO_JENKINS = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "io.jenkins..")
            .because("the engine runs outside Jenkins too; the plugins adapt it");

    @ArchTest
    static final ArchRule MODEL_STANDS_ALONE = classes().that().resideInAPackage("dev.nightly.bench.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.nightly.bench.model..", "java..")
            .because("the value types are shared by every layer and travel from agent to controller");

    @ArchTest
    static final ArchRule NO_CYCLES = slices().matching("dev.nightly.bench.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule FORMATS_KNOW_NOTHING_OF_STORAGE = noClasses()
            .that().resideInAnyPackage("dev.nightly.bench.hawd..", "dev.nightly.bench.formats..", "dev.nightly.bench.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nightly.bench.store..", "dev.nightly.bench.check..",
                    "dev.nightly.bench.chart..", "dev.nightly.bench.report..")
            .because("parsing runs on the agent, before anything is stored");

    @ArchTest
    static final ArchRule STORE_BELOW_CHECKS = noClasses().that().resideInAPackage("dev.nightly.bench.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nightly.bench.check..", "dev.nightly.bench.chart..",
                    "dev.nightly.bench.report..", "dev.nightly.bench.hawd..", "dev.nightly.bench.formats..");

    @ArchTest
    static final ArchRule CHECKS_BELOW_PICTURES = noClasses().that().resideInAPackage("dev.nightly.bench.check..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nightly.bench.chart..", "dev.nightly.bench.report..");

    @ArchTest
    static final ArchRule FORMATS_ARE_FOUND_NOT_NAMED = noClasses().that().resideInAPackage("dev.nightly.bench.ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.nightly.bench.hawd..", "dev.nightly.bench.formats..")
            .because("formats register through ServiceLoader, so adding one touches nothing else");
}
