package io.github.cai4j.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Project-wide rules for the main code of every module (this module depends on all of them). */
class ArchitectureRulesTest {
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.github.cai4j");
    }

    @Test
    void importedEveryModule() {
        // Guard against a rule passing vacuously because nothing was imported.
        org.junit.jupiter.api.Assertions.assertTrue(
                mainClasses.containPackage("io.github.cai4j.psa.spm"), "psa-api main classes were not imported");
        org.junit.jupiter.api.Assertions.assertTrue(
                mainClasses.containPackage("io.github.cai4j.device.cli"), "device main classes were not imported");
    }

    @Test
    void libraryCodeDoesNotPrint() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.github.cai4j.device.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("library code reports through PlatformLog or exceptions; only the CLI prints");
        rule.check(mainClasses);
    }

    @Test
    void mainCodeDoesNotUseJavaUtilRandom() {
        ArchRule rule = noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .because("randomness comes from SecureRandom or an injected source");
        rule.check(mainClasses);
    }

    @Test
    void mainCodeDoesNotCompareByteArraysWithArraysEquals() {
        ArchRule rule = noClasses().should()
                .callMethod(java.util.Arrays.class, "equals", byte[].class, byte[].class)
                .because("tags and secrets are compared in constant time with MessageDigest.isEqual");
        rule.check(mainClasses);
    }
}
