package se.kth.aspen.core.pass;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.compose.VersionRequest;
import se.kth.aspen.core.image.ImageReference;
import se.kth.aspen.core.port.Cluster;

/**
 * Before the targets run: hash (and, where its images name variables, parse) every target the
 * pass has not hashed yet, and ask the tag catalogue to start fetching the repository of each
 * version range found. The targets then wait only for their own repository's list, which is
 * fetched or under way, instead of each worker fetching one list after another as it reaches
 * Resolve: on a first pass over many repositories, the fetches run as wide as the registry
 * concurrency allows while the stacks are still being read.
 *
 * <p>What it hashes, and the stacks it parses, are kept for the targets, so the work is moved, not
 * doubled; a target that fails here is left for its own run, which reports the failure. Targets
 * already hashed (every unchanged one of a warm pass over a git registry) are not given to it.
 */
final class Scouting {

  /** A target to scout, with the cluster it runs on (whose name its repository may use). */
  record Target(AppTarget target, Cluster cluster) {}

  private final PassContext pass;

  Scouting(PassContext pass) {
    this.pass = pass;
  }

  /**
   * Scouts the targets on PARALLELISM workers, in the order given (the order the pass runs them,
   * so that the fetches a target waits for are among the first asked).
   *
   * @param unhashed the targets the pass has not hashed yet
   */
  void scout(List<Target> unhashed) {
    if (unhashed.isEmpty()) {
      return;
    }
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < Math.min(pass.settings().parallelism(), unhashed.size()); w++) {
        workers.submit(() -> {
          for (int i = next.getAndIncrement(); i < unhashed.size() && !Thread.currentThread().isInterrupted();
              i = next.getAndIncrement()) {
            scoutOne(unhashed.get(i));
          }
        });
      }
    }
  }

  private void scoutOne(Target one) {
    AppTarget target = one.target();
    PassMemory.Hashed hashed;
    try {
      Reading.names(target);
      Hashing.Output fresh = new Hashing(pass.memory().digests(), pass.tree()).hash(new Hashing.Input(target));
      List<VersionRequest> requests = List.of();
      if (fresh.imagesNameVariables()) {
        StackSource source = new Reading(pass.reader()).parse(target);
        requests = source.versionRequests();
        // Kept for the target's run, which would parse it again when the target changed (every
        // target of a first pass); it takes it out, so it is held until then only.
        pass.scouted().put(target.stackPath(), source);
      }
      hashed = new PassMemory.Hashed(fresh.digest(), requests);
    } catch (StepFailure | RuntimeException e) {
      return; // the target's own run meets it again and reports it
    }
    pass.memory().remember(target, hashed);
    Map<String, String> fixed = Map.of("APPLICATION_NAME", target.application(),
        "PORTILLO_CLUSTER", one.cluster().portilloCluster());
    for (VersionRequest request : hashed.versionRequests()) {
      try {
        pass.tags().prefetch(ImageReference.parse(Resolution.substitute(request.repositoryTemplate(), fixed) + ":0"));
      } catch (IllegalArgumentException e) {
        // not an image name: Resolve refuses it with the line
      }
    }
  }
}
