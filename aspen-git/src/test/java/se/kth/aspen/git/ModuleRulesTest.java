package se.kth.aspen.git;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.ModuleRules;

/** The package rules of {@link ModuleRules}, on this module's main classes. */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = ModuleRules.mainClasses("se.kth.aspen.git");
  }

  @Test
  void noPackageCycles() {
    ModuleRules.noPackageCycles("se.kth.aspen.git").check(classes);
  }

  @Test
  void publicSignaturesOfGitSpeakOnlyJdkAndCoreTypes() {
    ModuleRules.adapterSignatures("se.kth.aspen.git", "se.kth.aspen.git.").check(classes);
  }

  @Test
  void theSourceIsThePackagesEntryType() {
    ModuleRules.onePublicEntryType(GitRegistrySource.class, GitRegistrySettings.class).check(classes);
  }
}
