package se.kth.aspen.core.pass;

import java.util.Objects;
import se.kth.aspen.core.port.ClusterDirectory;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.Notifier;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.RegistrySource;
import se.kth.aspen.core.port.SecretStore;
import se.kth.aspen.core.port.StateStore;

/** The seven ports a pass talks to the world through. */
public record Ports(
    RegistrySource registry,
    ClusterDirectory clusters,
    ImageRegistry images,
    SecretStore secrets,
    Orchestrator orchestrator,
    StateStore state,
    Notifier notifier) {

  public Ports {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(notifier, "notifier");
  }
}
