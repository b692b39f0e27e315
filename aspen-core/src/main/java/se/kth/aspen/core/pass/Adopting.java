package se.kth.aspen.core.pass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Cluster;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.Orchestrator;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.RunningService;

/**
 * Adopt: does the cluster already run the desired state? It does when every service of the
 * stack runs the desired image: same repository and tag and, where the running spec is pinned
 * to a digest, the digest the registry gives for that tag now (a tag pushed again since is a
 * change). Services the cluster runs beyond the file are not looked at. Reads only.
 */
final class Adopting {

  private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

  /** The stack and what it resolves to now. */
  record Input(Cluster cluster, String application, Map<String, ImageReference> desired, Deadline deadline) {}

  /** Empty when the cluster runs the desired state, else why a deploying pass would deploy it. */
  record Output(Optional<String> wouldDeployBecause) {
    boolean runsDesiredState() {
      return wouldDeployBecause.isEmpty();
    }
  }

  private final Orchestrator orchestrator;
  private final Optional<DigestCatalog> digests;

  Adopting(Orchestrator orchestrator, Optional<DigestCatalog> digests) {
    this.orchestrator = orchestrator;
    this.digests = digests;
  }

  Output compare(Input in) throws StepFailure {
    Map<String, RunningService> running = new HashMap<>();
    try {
      orchestrator.services(in.cluster(), in.application(), in.deadline()).forEach(s -> running.put(s.name(), s));
    } catch (PortException e) {
      throw new StepFailure(Step.ADOPT, FailureKind.COULD_NOT_TRY,
          "reading what stack " + in.application() + " runs on cluster " + in.cluster().name() + ": " + e.getMessage(), e);
    }
    if (running.isEmpty()) {
      return new Output(Optional.of("stack " + in.application() + " is not on cluster " + in.cluster().name()));
    }
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, ImageReference> e : new TreeMap<>(in.desired()).entrySet()) {
      difference(e.getKey(), e.getValue(), running.get(e.getKey()), in.deadline()).ifPresent(differences::add);
    }
    return new Output(differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences)));
  }

  private Optional<String> difference(String service, ImageReference desired, RunningService running, Deadline deadline)
      throws StepFailure {
    if (running == null) {
      return Optional.of("service " + service + " is not running");
    }
    ImageReference actual;
    try {
      actual = ImageReference.parse(running.image());
    } catch (IllegalArgumentException e) {
      return Optional.of("service " + service + " runs an image Aspen cannot read (" + running.image() + ")");
    }
    if (!familiar(actual).equals(familiar(desired)) || !actual.tag().equals(desired.tag())) {
      return Optional.of("service " + service + " runs " + running.image() + ", the desired image is " + desired);
    }
    if (actual.digest().isEmpty()) {
      return Optional.empty();
    }
    Optional<String> wanted = desired.digest();
    if (wanted.isEmpty() && digests.isPresent()) {
      try {
        wanted = Optional.of(digests.get().digest(desired, deadline));
      } catch (PortException e) {
        throw new StepFailure(Step.ADOPT, e.couldNotTry() ? FailureKind.COULD_NOT_TRY : FailureKind.INVALID,
            "service " + service + ": " + e.getMessage(), e);
      }
    }
    if (wanted.isPresent() && !wanted.get().equals(actual.digest().get())) {
      return Optional.of("service " + service + " runs " + running.image() + ", but " + desired + " is now "
          + wanted.get() + " in the registry");
    }
    return Optional.empty();
  }

  /** The name as Docker shows it: Docker Hub's host and {@code library/} left out. */
  private static String familiar(ImageReference image) {
    Optional<String> host = image.registry().map(h -> h.toLowerCase(Locale.ROOT)).filter(h -> !DOCKER_HUB.contains(h));
    String repository = host.isEmpty() && image.repository().startsWith("library/")
        ? image.repository().substring("library/".length()) : image.repository();
    return host.map(h -> h + "/").orElse("") + repository;
  }
}
