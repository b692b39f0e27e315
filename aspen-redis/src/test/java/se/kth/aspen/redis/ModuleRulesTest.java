package se.kth.aspen.redis;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.ModuleRules;

/** The package rules of {@link ModuleRules}, on this module's main classes. */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = ModuleRules.mainClasses("se.kth.aspen.redis");
  }

  @Test
  void noPackageCycles() {
    ModuleRules.noPackageCycles("se.kth.aspen.redis").check(classes);
  }

  @Test
  void publicSignaturesOfRedisSpeakOnlyJdkAndCoreTypes() {
    ModuleRules.adapterSignatures("se.kth.aspen.redis", "se.kth.aspen.redis.").check(classes);
  }

  @Test
  void theStoreIsThePackagesEntryType() {
    ModuleRules.onePublicEntryType(RedisStateStore.class).check(classes);
  }
}
