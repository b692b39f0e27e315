package se.kth.aspen.core.port;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.compose.ServiceSpec;
import se.kth.aspen.core.compose.StackModel;
import se.kth.aspen.core.compose.VolumeMount;
import se.kth.aspen.core.image.ImageReference;

/**
 * Everything needed to apply one stack to one cluster, fully resolved: an orchestrator reads no
 * file and parses nothing the core already did. Checked on construction to be complete for its
 * stack: an image and an environment for every service, the contents of every file-based secret
 * and config, a host path for every bind source that is not absolute.
 *
 * @param stackName the Swarm stack name (the application name)
 * @param stack the stack file's model, for everything but what the other components resolve
 * @param images the image every service runs, by service name, as resolved by the pass
 *     (pinned to a digest when the registry gave one)
 * @param environments every service's final environment, by service name: its env files in
 *     order, the decrypted {@code secrets.env} where an env file names it, then {@code
 *     environment:} (see aspen-core/README.md, "The deploy request")
 * @param files what the files the stack names hold
 * @param prune remove services of the stack that are no longer in the file
 * @param owner when present, every service is labelled as the owner's, with the spec it was sent
 *     (see {@link Orchestrator#inventory}); empty: the services carry only what the file says,
 *     as with {@code docker stack deploy}
 */
public record DeployRequest(
    Cluster cluster,
    String stackName,
    StackModel stack,
    Map<String, ImageReference> images,
    Map<String, ServiceEnvironment> environments,
    FileContents files,
    boolean prune,
    Optional<StackOwner> owner) {

  public DeployRequest {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(stack, "stack");
    images = Map.copyOf(images);
    environments = Map.copyOf(environments);
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(owner, "owner");
    for (ServiceSpec service : stack.services().values()) {
      require(images.containsKey(service.name()), "no image for service " + service.name());
      require(environments.containsKey(service.name()), "no environment for service " + service.name());
      for (VolumeMount mount : service.volumes()) {
        if (mount.type().equals("bind") && mount.source().filter(s -> !s.startsWith("/")).isPresent()) {
          require(files.hostPaths().containsKey(mount.source().get()), "no host path for bind source " + mount.source().get());
        }
      }
    }
    stack.secrets().forEach((key, spec) -> require(!spec.fromFile() || files.secrets().containsKey(key),
        "no content for secret " + key));
    stack.configs().forEach((key, spec) -> require(!spec.fromFile() || files.configs().containsKey(key),
        "no content for config " + key));
  }

  /** A request without an owner: the services get no ownership labels. */
  public DeployRequest(Cluster cluster, String stackName, StackModel stack, Map<String, ImageReference> images,
      Map<String, ServiceEnvironment> environments, FileContents files, boolean prune) {
    this(cluster, stackName, stack, images, environments, files, prune, Optional.empty());
  }

  /** The same request, labelled as {@code owner}'s. */
  public DeployRequest owned(StackOwner owner) {
    return new DeployRequest(cluster, stackName, stack, images, environments, files, prune, Optional.of(owner));
  }

  private static void require(boolean complete, String problem) {
    if (!complete) {
      throw new IllegalArgumentException("incomplete deploy request: " + problem);
    }
  }
}
