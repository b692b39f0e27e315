package se.kth.aspen.runner;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.ModuleRules;

/** The package rules of {@link ModuleRules}, on this module's main classes. */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = ModuleRules.mainClasses("se.kth.aspen.runner");
  }

  @Test
  void noPackageCycles() {
    ModuleRules.noPackageCycles("se.kth.aspen.runner").check(classes);
  }
}
