package dev.dfs.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** dfs bench is a plain S3 client: of our code it may use only dev.dfs.util. */
class BenchDependenciesTest {
  @Test
  void benchUsesNoServerInternals() {
    JavaClasses bench =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dfs.bench");
    noClasses()
        .that()
        .resideInAPackage("dev.dfs.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.dfs.server..",
            "dev.dfs.s3..",
            "dev.dfs.admin..",
            "dev.dfs.auth..",
            "dev.dfs.store..",
            "dev.dfs.cli..")
        .check(bench);
  }
}
