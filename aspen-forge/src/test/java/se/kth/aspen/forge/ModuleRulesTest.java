package se.kth.aspen.forge;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.ModuleRules;

/** The package rules of {@link ModuleRules}, on this module's main classes. */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = ModuleRules.mainClasses("se.kth.aspen.forge");
  }

  @Test
  void noPackageCycles() {
    ModuleRules.noPackageCycles("se.kth.aspen.forge").check(classes);
  }

  @Test
  void publicSignaturesOfForgeSpeakOnlyJdkAndCoreTypes() {
    ModuleRules.adapterSignatures("se.kth.aspen.forge", "se.kth.aspen.forge.").check(classes);
  }

  @Test
  void theCommitStatusesAreThePackagesEntryType() {
    ModuleRules.onePublicEntryType(ForgeCommitStatuses.class).check(classes);
  }
}
