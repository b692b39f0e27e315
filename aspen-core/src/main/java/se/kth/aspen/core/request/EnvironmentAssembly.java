package se.kth.aspen.core.request;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.compose.DecryptedSecrets;
import se.kth.aspen.core.compose.EnvFile;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.ServiceEnvironment;

/**
 * A service's environment as {@code docker stack deploy} makes it: its env files in order, a
 * later one replacing an earlier value, the {@link DecryptedSecrets} reference standing for the
 * decrypted {@code secrets.env} at its position, then {@code environment:} over all of them.
 *
 * <p>Unlike the CLI, nothing comes from the deployer's own environment: a bare {@code KEY} line
 * of an env file is dropped (the CLI would take the deployer's value), an empty value stays empty
 * (the CLI would replace it with the deployer's value), and a bare {@code KEY} in {@code
 * environment:} stays a bare name, as the CLI sends it when the deployer has no such variable.
 */
final class EnvironmentAssembly {

  private EnvironmentAssembly() {}

  /**
   * @param envFiles every env file the service names but the secrets reference, parsed, by the
   *     path as written
   */
  static ServiceEnvironment of(ServiceSpec service, Map<String, EnvFile> envFiles, SecretEnvironment secrets) {
    TreeMap<String, Optional<Secret>> env = new TreeMap<>();
    for (String written : service.envFiles()) {
      if (DecryptedSecrets.isReference(written)) {
        secrets.values().forEach((name, value) -> env.put(name, Optional.of(value)));
        continue;
      }
      EnvFile file = envFiles.get(written);
      if (file == null) {
        throw new IllegalArgumentException("env file \"" + written + "\" of service " + service.name() + " was not read");
      }
      for (EnvFile.Entry entry : file.entries()) {
        entry.valueBytes().ifPresent(value -> env.put(entry.key(), Optional.of(Secret.of(value))));
      }
    }
    service.environment().forEach((name, value) -> env.put(name, value.map(Secret::of)));
    return ServiceEnvironment.of(env);
  }
}
