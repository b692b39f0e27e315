package se.kth.aspen.core.pass;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.policy.Policies;
import se.kth.aspen.core.policy.PolicySettings;
import se.kth.aspen.core.port.Deadline;
import se.kth.aspen.core.port.ImageRegistry;
import se.kth.aspen.core.version.TagCatalog;

/**
 * Reads targets of a registry tree the way a pass would up to its policy check, with no cluster,
 * state store or secret: for comparing two revisions of the registry. The stages are the pass's
 * own, so a difference shown is one the pass would deploy.
 *
 * <p>Without the cluster directory a cluster's {@code PORTILLO_CLUSTER} is its directory name (a
 * cluster being prepared would see {@code preparing-<name>}). One reader shares its tag listings
 * across every tree it reads, so both sides of a comparison resolve against the same tags.
 */
public final class DesiredStateReader {

  private final StackReader reader = new StackReader();
  private final Policies policies;
  private final TagCatalog tags;

  public DesiredStateReader(ImageRegistry images, Duration requestTimeout, PolicySettings policySettings) {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.policies = Policies.of(Objects.requireNonNull(policySettings, "policySettings"));
    this.tags = new TagCatalog(images, requestTimeout);
  }

  /**
   * Every target under the root, sorted by stack path, and the stack files that name no target.
   *
   * @throws IOException when the tree cannot be walked
   */
  public Targets targets(Path root) throws IOException {
    Discovery.Output found = new Discovery().discover(new Discovery.Input(root));
    return new Targets(found.targets(), found.problems());
  }

  /** The targets of one tree, and the stack files in places that name no application and cluster. */
  public record Targets(List<AppTarget> targets, List<String> problems) {
    public Targets {
      targets = List.copyOf(targets);
      problems = List.copyOf(problems);
    }
  }

  /** One target's desired state; never throws: what stops it is in the result. */
  public DesiredState read(AppTarget target, Deadline deadline) {
    Reading reading = new Reading(reader);
    Step step = Step.READ;
    try {
      // As in a pass: names the engine refuses, and a stack file that is a link (never followed), stop here.
      Reading.names(target);
      if (java.nio.file.Files.isSymbolicLink(target.stackFile())) {
        throw new StepFailure(Step.READ, FailureKind.INVALID, RegistryLinks.stackFile(target.stackPath()));
      }
      StackSource source = reading.parse(target);
      step = Step.RESOLVE;
      Map<String, String> fixed = Map.of("APPLICATION_NAME", target.application(), "PORTILLO_CLUSTER", target.cluster());
      Map<String, String> resolved = new Resolution(tags)
          .resolve(new Resolution.Input(source.versionRequests(), fixed, deadline)).resolved();
      step = Step.READ;
      Map<String, String> variables = new HashMap<>(fixed);
      variables.putAll(resolved);
      Reading.Output read = reading.read(new Reading.Input(target, source, variables));
      return new DesiredState(target, Optional.of(read.stack()), read.images(),
          policies.check(read.stack(), target.application()), policies.warnings(read.stack(), target.application()),
          Optional.empty());
    } catch (StepFailure failure) {
      return failed(target, failure.shown(), failure.reason(), failure.kind() == FailureKind.COULD_NOT_TRY);
    } catch (RuntimeException e) {
      return failed(target, step.shown(), "unexpected " + e, false);
    }
  }

  private static DesiredState failed(AppTarget target, String step, String reason, boolean couldNotTry) {
    return new DesiredState(target, Optional.empty(), Map.of(), List.of(), List.of(),
        Optional.of(new DesiredState.Failure(step, reason, couldNotTry)));
  }
}
