package io.github.cai4j.cose;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The project's rules for main code, applied to this module alone (fast feedback before the e2e check). */
class CoseArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.cai4j.cose");

    @Test
    void rules() {
        assertTrue(MAIN.size() > 40, "classes imported: " + MAIN.size());
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(MAIN);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random").check(MAIN);
        noClasses().should().callMethod(java.util.Arrays.class, "equals", byte[].class, byte[].class).check(MAIN);
        noClasses().that().resideInAPackage("io.github.cai4j.cose..")
                .should().dependOnClassesThat().resideInAPackage("io.github.cai4j.psa..").check(MAIN);
    }
}
