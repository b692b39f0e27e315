package se.kth.aspen.runner.cli;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.port.PortException;

/**
 * {@code plan --cached}: tag lists answered from a running runner's catalogue, so that the plan
 * resolves ranges exactly as that runner's next pass would, without asking the registry. A
 * repository the runner has no list for, and every digest, is asked of the registry.
 */
final class TagsFromRunner implements ImageRegistry {

  private final RunnerTagLists runner;
  private final ImageRegistry registry;
  private final AtomicInteger askedOfRegistry = new AtomicInteger();

  TagsFromRunner(RunnerTagLists runner, ImageRegistry registry) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public List<String> tags(ImageReference repository, Deadline deadline) throws PortException {
    List<String> kept = runner.lists().get(repository.name());
    if (kept != null) {
      return kept;
    }
    askedOfRegistry.incrementAndGet();
    return registry.tags(repository, deadline);
  }

  @Override
  public void prefetch(ImageReference repository) {
    if (!runner.lists().containsKey(repository.name())) {
      registry.prefetch(repository);
    }
  }

  @Override
  public String digest(ImageReference image, Deadline deadline) throws PortException {
    return registry.digest(image, deadline);
  }

  /** How many repositories were asked of the registry, the runner having no list for them. */
  int askedOfRegistry() {
    return askedOfRegistry.get();
  }
}
