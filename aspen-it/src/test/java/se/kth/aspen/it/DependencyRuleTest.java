package se.kth.aspen.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dependency rule of the README (Modules), checked on the compiled main classes of every module:
 * the core names no adapter and no adapter library; an adapter never names another adapter.
 */
class DependencyRuleTest {

  private static final List<String> ADAPTERS =
      List.of("vault", "git", "swarm", "notify", "forge", "redis");

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("se.kth.aspen");
  }

  @Test
  void coreUsesNoAdapterLibrary() {
    ArchRule rule =
        noClasses()
            .that().resideInAPackage("se.kth.aspen.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                "com.github.dockerjava..",
                "org.eclipse.jgit..",
                "org.apache.sshd..",
                "redis.clients..",
                "com.sun.net.httpserver..",
                "java.net.http..",
                "org.eclipse.jetty..",
                "com.github.tomakehurst.wiremock..",
                "picocli..",
                "ch.qos.logback..")
            .because("aspen-core is embedded by other tools and holds no I/O library");
    rule.check(production);
  }

  @Test
  void coreUsesNoAdapterOrRunner() {
    ArchRule rule =
        noClasses()
            .that().resideInAPackage("se.kth.aspen.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                "se.kth.aspen.vault..", "se.kth.aspen.git..", "se.kth.aspen.swarm..",
                "se.kth.aspen.notify..", "se.kth.aspen.forge..", "se.kth.aspen.redis..", "se.kth.aspen.runner..")
            .because("the core depends on no adapter");
    rule.check(production);
  }

  static List<String> adapters() {
    return ADAPTERS;
  }

  @ParameterizedTest(name = "{0} uses no other adapter and not the runner")
  @MethodSource("adapters")
  void adapterUsesNoOtherAdapter(String adapter) {
    String[] others =
        ADAPTERS.stream()
            .filter(other -> !other.equals(adapter))
            .map(other -> "se.kth.aspen." + other + "..")
            .toArray(String[]::new);
    ArchRule rule =
        noClasses()
            .that().resideInAPackage("se.kth.aspen." + adapter + "..")
            .should().dependOnClassesThat().resideInAnyPackage(others)
            .orShould().dependOnClassesThat().resideInAPackage("se.kth.aspen.runner..")
            .because("an adapter depends on the core only");
    rule.check(production);
  }
}
