package se.kth.aspen.runner;

import java.nio.file.Path;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.SecretStore;

/** The secret store when VAULT_KEY_PATH and APP_PWD_FILE_PATH are not set: an app that needs secrets fails, saying so. */
final class NoVault implements SecretStore {

  @Override
  public SecretEnvironment environment(String application, Path secretsEnv) throws RefusedException {
    throw refused(application, secretsEnv);
  }

  @Override
  public Secret decrypt(String application, Path vaultedFile) throws RefusedException {
    throw refused(application, vaultedFile);
  }

  private static RefusedException refused(String application, Path file) {
    return new RefusedException("decrypting " + file.getFileName() + " of " + application
        + ": no vault is configured; set VAULT_KEY_PATH and APP_PWD_FILE_PATH");
  }

  @Override
  public String toString() {
    return "NoVault";
  }
}
