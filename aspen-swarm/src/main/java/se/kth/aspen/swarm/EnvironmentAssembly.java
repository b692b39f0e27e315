package se.kth.aspen.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import se.kth.aspen.core.compose.DecryptedSecrets;
import se.kth.aspen.core.compose.EnvFile;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.SecretEnvironment;

/**
 * A service's {@code Env}: its env files in order (later wins), the {@link DecryptedSecrets}
 * reference standing for the decrypted {@code secrets.env}, then {@code environment:}; sorted,
 * as the CLI sends it.
 *
 * <p>Unlike the CLI, nothing comes from the deployer's own environment: a bare {@code KEY} line
 * of an env file is dropped (the CLI would take the deployer's value), an empty value stays empty
 * (the CLI would replace it with the deployer's value), and a bare {@code KEY} in {@code
 * environment:} is sent as a bare name, as the CLI does when the deployer has no such variable.
 */
final class EnvironmentAssembly {

  private final ConfinedFiles files;
  private final SecretEnvironment secrets;

  EnvironmentAssembly(ConfinedFiles files, SecretEnvironment secrets) {
    this.files = files;
    this.secrets = secrets;
  }

  List<String> of(ServiceSpec service) throws RefusedException {
    TreeMap<String, Optional<String>> env = new TreeMap<>();
    for (String envFile : service.envFiles()) {
      if (DecryptedSecrets.isReference(envFile)) {
        secrets.values().forEach((k, v) -> env.put(k, Optional.of(v.text())));
      } else {
        read(service, envFile).forEach((k, v) -> env.put(k, Optional.of(v)));
      }
    }
    env.putAll(service.environment());
    List<String> result = new ArrayList<>(env.size());
    env.forEach((k, v) -> result.add(v.map(value -> k + "=" + value).orElse(k)));
    return result;
  }

  private Map<String, String> read(ServiceSpec service, String envFile) throws RefusedException {
    String what = "env_file of service " + service.name();
    byte[] bytes = files.read(envFile, what);
    try {
      return EnvFile.parse(envFile, bytes).resolve(name -> Optional.empty());
    } catch (EnvFile.InvalidLineException e) {
      throw new RefusedException(files.stackFile() + ": " + what + ": " + e.getMessage(), e);
    }
  }
}
