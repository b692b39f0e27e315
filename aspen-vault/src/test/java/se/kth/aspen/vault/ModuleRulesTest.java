package se.kth.aspen.vault;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.testing.ModuleRules;

/** The package rules of {@link ModuleRules}, on this module's main classes. */
class ModuleRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = ModuleRules.mainClasses("se.kth.aspen.vault");
  }

  @Test
  void noPackageCycles() {
    ModuleRules.noPackageCycles("se.kth.aspen.vault").check(classes);
  }

  @Test
  void publicSignaturesOfVaultSpeakOnlyJdkAndCoreTypes() {
    ModuleRules.adapterSignatures("se.kth.aspen.vault", "se.kth.aspen.vault.").check(classes);
  }

  @Test
  void ansibleVaultIsThePackagesEntryType() {
    // VaultSecretStore is the SecretStore port over the codec; the exceptions are the sealed
    // VaultException family callers catch.
    ModuleRules.onePublicEntryType(AnsibleVault.class, VaultSecretStore.class, VaultException.class,
        CorruptVaultException.class, MalformedVaultException.class, NotAVaultException.class,
        PasswordFileException.class, UnsupportedCipherException.class, WrongPasswordException.class).check(classes);
  }
}
