package se.kth.aspen.swarm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.ModuleRules;
import se.kth.aspen.swarm.cluster.ClusterStatusDirectory;
import se.kth.aspen.swarm.registry.DockerRegistry;
import se.kth.aspen.swarm.registry.Registries;
import se.kth.aspen.swarm.registry.RegistryLogin;

/** The package rules of {@link ModuleRules}, on this module's main classes. */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = ModuleRules.mainClasses("se.kth.aspen.swarm");
  }

  @Test
  void noPackageCycles() {
    ModuleRules.noPackageCycles("se.kth.aspen.swarm").check(classes);
  }

  /**
   * The deploy request carries what the stack's files hold: deploying reads no file (only the
   * engine client reads the TLS files {@code DOCKER_CERT_PATH} names) and parses no env file.
   */
  @Test
  void deployingOpensNoFileOfTheApplication() {
    noClasses().that().resideInAPackage("se.kth.aspen.swarm").and().doNotHaveSimpleName("EngineClients")
        .should().accessClassesThat().haveFullyQualifiedName("java.nio.file.Files")
        .orShould().accessClassesThat().haveFullyQualifiedName("se.kth.aspen.core.compose.EnvFile")
        .orShould().accessClassesThat().haveFullyQualifiedName("se.kth.aspen.core.compose.ConfinedPath")
        .check(classes);
  }

  @Test
  void publicSignaturesOfSwarmSpeakOnlyJdkAndCoreTypes() {
    ModuleRules.adapterSignatures("se.kth.aspen.swarm", "se.kth.aspen.swarm.Swarm", "se.kth.aspen.swarm.registry.Registries").check(classes);
  }

  @Test
  void publicSignaturesOfRegistrySpeakOnlyJdkAndCoreTypes() {
    ModuleRules.adapterSignatures("se.kth.aspen.swarm.registry", "se.kth.aspen.swarm.registry.").check(classes);
  }

  @Test
  void publicSignaturesOfClusterSpeakOnlyJdkAndCoreTypes() {
    ModuleRules.adapterSignatures("se.kth.aspen.swarm.cluster", "se.kth.aspen.swarm.cluster.").check(classes);
  }

  @Test
  void theOrchestratorIsTheSwarmPackagesEntryType() {
    ModuleRules.onePublicEntryType(SwarmOrchestrator.class, SwarmSettings.class).check(classes);
  }

  @Test
  void theRegistryClientIsTheRegistryPackagesEntryType() {
    // Registries is the immutable set of logins per registry host the client is built with.
    ModuleRules.onePublicEntryType(DockerRegistry.class, Registries.class, RegistryLogin.class).check(classes);
  }

  @Test
  void theDirectoryIsTheClusterPackagesEntryType() {
    ModuleRules.onePublicEntryType(ClusterStatusDirectory.class).check(classes);
  }
}
