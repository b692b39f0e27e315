package se.kth.aspen.core.port;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.image.ImageReference;

/**
 * Everything needed to apply one stack to one cluster.
 *
 * @param stackName the Swarm stack name (the application name)
 * @param directory the stack file's directory: relative paths (env files, bind sources, secret
 *     and config files) resolve against it; nothing outside it may be read
 * @param images the image every service runs, by service name, as resolved by the pass
 *     (pinned to a digest when the registry gave one)
 * @param secretEnvironment what {@code secrets.decrypted.env} stands for, injected into the
 *     environment of every service whose {@code env_file} names it
 * @param decryptedFiles plaintext of vaulted relative bind sources, by the source as written in
 *     the stack file ({@code ./conf/app.yml})
 * @param prune remove services of the stack that are no longer in the file
 * @param owner when present, every service is labelled as the owner's, with the spec it was sent
 *     (see {@link Orchestrator#inventory}); empty: the services carry only what the file says,
 *     as with {@code docker stack deploy}
 */
public record DeployRequest(
    Cluster cluster,
    String stackName,
    StackModel stack,
    Path directory,
    Map<String, ImageReference> images,
    SecretEnvironment secretEnvironment,
    Map<String, Secret> decryptedFiles,
    boolean prune,
    Optional<StackOwner> owner) {

  public DeployRequest {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(directory, "directory");
    images = Map.copyOf(images);
    Objects.requireNonNull(secretEnvironment, "secretEnvironment");
    decryptedFiles = Map.copyOf(decryptedFiles);
    Objects.requireNonNull(owner, "owner");
  }

  /** A request without an owner: the services get no ownership labels. */
  public DeployRequest(Cluster cluster, String stackName, StackModel stack, Path directory, Map<String, ImageReference> images,
      SecretEnvironment secretEnvironment, Map<String, Secret> decryptedFiles, boolean prune) {
    this(cluster, stackName, stack, directory, images, secretEnvironment, decryptedFiles, prune, Optional.empty());
  }

  /** The same request, labelled as {@code owner}'s. */
  public DeployRequest owned(StackOwner owner) {
    return new DeployRequest(cluster, stackName, stack, directory, images, secretEnvironment, decryptedFiles, prune,
        Optional.of(owner));
  }
}
