package se.kth.aspen.core.fake;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RefusedException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.SecretStore;

/**
 * A secret store that "decrypts" by looking up what the test put in, by file path; records every
 * call, so tests can pin "no decryption for an unchanged app". Files it does not know are refused
 * as a wrong password would be.
 */
public final class FakeSecretStore implements SecretStore {

  private final Map<Path, SecretEnvironment> environments = new ConcurrentHashMap<>();
  private final Map<Path, Secret> files = new ConcurrentHashMap<>();
  private final List<Path> calls = new CopyOnWriteArrayList<>();

  public FakeSecretStore environment(Path secretsEnv, Map<String, String> values) {
    java.util.LinkedHashMap<String, Secret> secrets = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> secrets.put(k, Secret.of(v)));
    environments.put(secretsEnv.toAbsolutePath().normalize(), SecretEnvironment.of(secrets));
    return this;
  }

  public FakeSecretStore file(Path vaultedFile, String plaintext) {
    files.put(vaultedFile.toAbsolutePath().normalize(), Secret.of(plaintext));
    return this;
  }

  /** The files asked about, in order. */
  public List<Path> calls() {
    return List.copyOf(calls);
  }

  @Override
  public SecretEnvironment environment(String application, Path secretsEnv) throws PortException {
    Path path = secretsEnv.toAbsolutePath().normalize();
    calls.add(path);
    SecretEnvironment env = environments.get(path);
    if (env == null) {
      throw new RefusedException("decrypting " + secretsEnv.getFileName() + " of " + application + ": wrong password or not a vault");
    }
    return env;
  }

  @Override
  public Secret decrypt(String application, Path vaultedFile) throws PortException {
    Path path = vaultedFile.toAbsolutePath().normalize();
    calls.add(path);
    Secret secret = files.get(path);
    if (secret == null) {
      throw new RefusedException("decrypting " + vaultedFile.getFileName() + " of " + application + ": wrong password or not a vault");
    }
    return secret;
  }
}
