package se.kth.aspen.notify;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.ModuleRules;

/** The package rules of {@link ModuleRules}, on this module's main classes. */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = ModuleRules.mainClasses("se.kth.aspen.notify");
  }

  @Test
  void noPackageCycles() {
    ModuleRules.noPackageCycles("se.kth.aspen.notify").check(classes);
  }

  @Test
  void publicSignaturesOfNotifySpeakOnlyJdkAndCoreTypes() {
    ModuleRules.adapterSignatures("se.kth.aspen.notify", "se.kth.aspen.notify.").check(classes);
  }

  @Test
  void theHttpNotifierIsThePackagesEntryType() {
    // LogNotifier stands in for it when no endpoint is configured.
    ModuleRules.onePublicEntryType(HttpNotifier.class, LogNotifier.class).check(classes);
  }
}
