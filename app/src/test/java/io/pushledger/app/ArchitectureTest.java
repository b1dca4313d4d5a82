package io.pushledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dependencies point inward: the domain knows only the JDK, and the adapters know the domain but not each other. */
class ArchitectureTest {

    private static final String DOMAIN = "io.pushledger.domain..";
    private static final String HTTP = "io.pushledger.adapter.http..";
    private static final String PERSISTENCE = "io.pushledger.adapter.persistence..";
    private static final String APP = "io.pushledger.app..";

    // The modules arrive as class folders or as jars depending on the Maven phase; test classes
    // and the domain's test-jar (fixtures, fakes) are not production code.
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.pushledger");

    @ParameterizedTest
    @ValueSource(strings = {"io.pushledger.domain.model", "io.pushledger.domain.port.in",
        "io.pushledger.domain.port.out", "io.pushledger.domain.service", "io.pushledger.adapter.http",
        "io.pushledger.adapter.persistence", "io.pushledger.app"})
    void everyGuardedPackageHasClasses(String packageName) {
        // Rules over an empty package pass vacuously; a moved package must not silently escape them.
        assertThat(PRODUCTION.stream().filter(c -> c.getPackageName().startsWith(packageName))).isNotEmpty();
    }

    @Test
    void theDomainDependsOnTheJdkOnly() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
                .check(PRODUCTION);
    }

    @Test
    void theHttpAdapterDoesNotKnowThePersistenceAdapterOrTheApp() {
        noClasses().that().resideInAPackage(HTTP)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, APP)
                .check(PRODUCTION);
    }

    @Test
    void thePersistenceAdapterDoesNotKnowTheHttpAdapterOrTheApp() {
        noClasses().that().resideInAPackage(PERSISTENCE)
                .should().dependOnClassesThat().resideInAnyPackage(HTTP, APP)
                .check(PRODUCTION);
    }

    @Test
    void adaptersDoNotImplementTheUseCasesTheyCall() {
        classes().that().resideInAnyPackage(HTTP, PERSISTENCE)
                .should().notImplement(io.pushledger.domain.port.in.RecordCallbackUseCase.class)
                .check(PRODUCTION);
    }
}
