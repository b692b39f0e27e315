package se.kth.aspen.core.port;

import java.nio.file.Path;

/**
 * An application's secrets, decrypted in memory only. Implementations never write plaintext to
 * disk and never put a secret in a message.
 */
public interface SecretStore {

  /**
   * The environment an application's {@code secrets.env} holds, in file order, read with the
   * env-file rules of {@code docker stack deploy}.
   *
   * @param application the application whose password opens the file
   * @param secretsEnv the vaulted {@code secrets.env}
   * @throws RefusedException naming the application and file when there is no password for the
   *     application, the file is missing, not a vault, or does not open with the password
   */
  SecretEnvironment environment(String application, Path secretsEnv) throws PortException;

  /**
   * The plaintext of one of the application's vaulted files (a relative bind file).
   *
   * @throws RefusedException naming the application and file, as for {@link #environment}
   */
  Secret decrypt(String application, Path vaultedFile) throws PortException;
}
