package se.kth.aspen.swarm;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.ModuleRules;

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
}
