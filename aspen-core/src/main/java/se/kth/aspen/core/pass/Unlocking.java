package se.kth.aspen.core.pass;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import se.kth.aspen.core.compose.ConfinedPath;
import se.kth.aspen.core.compose.DecryptedSecrets;
import se.kth.aspen.core.compose.PathEscapeException;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackFileException;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.VolumeMount;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.DeployRequest;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.Secret;
import se.kth.aspen.core.port.SecretEnvironment;
import se.kth.aspen.core.port.SecretStore;
import se.kth.aspen.core.request.StackInputs;

/**
 * Unlock: the files the stack names are read into memory ({@link StackInputs}: env files,
 * secret and config files), then, when a service's {@code env_file} names {@code
 * secrets.decrypted.env} (the rule is {@link DecryptedSecrets}), the application's {@code
 * secrets.env} is decrypted into an environment, and every relative bind file that starts with
 * {@code $ANSIBLE_VAULT} is decrypted into bytes. In memory only, wrapped in {@link Secret}; the
 * plain files are read first, so that a stack whose files are wrong costs no decryption. Only
 * reached for a target that changed, never in a plan.
 */
final class Unlocking {

  private static final byte[] VAULT_HEADER = "$ANSIBLE_VAULT".getBytes(StandardCharsets.US_ASCII);

  record Input(AppTarget target, StackModel stack) {}

  /**
   * @param inputs the files the stack names, read
   * @param environment the decrypted {@code secrets.env}, empty when no service names it
   * @param files plaintext of vaulted bind files, by the source as written
   */
  record Output(StackInputs inputs, SecretEnvironment environment, Map<String, Secret> files) {

    /** The fully resolved request for the target's stack. */
    DeployRequest request(Cluster cluster, String stackName, Map<String, ImageReference> images, boolean prune) {
      return inputs.request(cluster, stackName, images, environment, files, prune);
    }
  }

  private final SecretStore secrets;

  Unlocking(SecretStore secrets) {
    this.secrets = secrets;
  }

  static boolean usesSecrets(StackModel stack) {
    return stack.services().values().stream().flatMap(s -> s.envFiles().stream()).anyMatch(DecryptedSecrets::isReference);
  }

  /**
   * The target's {@code secrets.env}, which must be a regular file in its directory.
   *
   * @throws StepFailure naming the file when it is missing or leads elsewhere
   */
  static Path secretsEnv(AppTarget target, Step step) throws StepFailure {
    try {
      Path file = ConfinedPath.resolve(target.directory(), DecryptedSecrets.SECRETS_FILE);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new StepFailure(step, FailureKind.INVALID, target.stackPath() + " uses " + DecryptedSecrets.FILE_NAME
            + " but there is no " + DecryptedSecrets.SECRETS_FILE + " beside it");
      }
      return file;
    } catch (PathEscapeException e) {
      throw new StepFailure(step, FailureKind.INVALID, target.stackPath() + ": " + e.getMessage());
    }
  }

  Output unlock(Input in) throws StepFailure {
    AppTarget target = in.target();
    SecretEnvironment environment = SecretEnvironment.empty();
    StackInputs inputs;
    try {
      inputs = StackInputs.read(target.directory(), in.stack());
    } catch (StackFileException e) {
      throw new StepFailure(Step.UNLOCK, FailureKind.INVALID, e.getMessage(), e);
    }
    try {
      if (usesSecrets(in.stack())) {
        Path file = secretsEnv(target, Step.UNLOCK);
        environment = secrets.environment(target.application(), file);
      }
      Map<String, Secret> files = new LinkedHashMap<>();
      for (ServiceSpec service : in.stack().services().values()) {
        for (VolumeMount mount : service.volumes()) {
          if (mount.relativeBind() && !files.containsKey(mount.source().get())) {
            Path file = ConfinedPath.resolve(target.directory(), mount.source().get());
            if (vaulted(file)) {
              files.put(mount.source().get(), secrets.decrypt(target.application(), file));
            }
          }
        }
      }
      return new Output(inputs, environment, files);
    } catch (PathEscapeException e) {
      throw new StepFailure(Step.UNLOCK, FailureKind.INVALID, target.stackPath() + ": " + e.getMessage());
    } catch (PortException e) {
      throw StepFailure.of(Step.UNLOCK, e);
    } catch (IOException e) {
      throw new StepFailure(Step.UNLOCK, FailureKind.INVALID, target.stackPath() + ": reading a bind file: " + e.getMessage(), e);
    }
  }

  private static boolean vaulted(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return Arrays.equals(in.readNBytes(VAULT_HEADER.length), VAULT_HEADER);
    }
  }
}
