package se.kth.aspen.core.pass;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.fingerprint.DirectoryDigest;

/** Resolve: each version range of the stack to the newest tag within it ({@link Resolution}). */
final class ResolveStage implements Stage<HashStage.Hashed, ResolveStage.Resolved> {

  /**
   * @param resolved each range variable's tag
   * @param variables what the stack is interpolated with: the fixed variables and the resolved ones
   */
  record Resolved(Known known, DirectoryDigest digest, Optional<StackSource> source, Map<String, String> resolved,
      Map<String, String> variables) implements Progress {
    Resolved {
      resolved = Map.copyOf(resolved);
      variables = Map.copyOf(variables);
    }
  }

  private final TargetContext context;

  ResolveStage(TargetContext context) {
    this.context = context;
  }

  @Override
  public Step step() {
    return Step.RESOLVE;
  }

  @Override
  public Next<Resolved> apply(HashStage.Hashed in) throws StepFailure {
    PassContext pass = context.pass();
    Map<String, String> fixed = Map.of("APPLICATION_NAME", context.target().application(),
        "PORTILLO_CLUSTER", context.cluster().portilloCluster());
    Map<String, String> resolved = new Resolution(pass.tags(), pass.rangeUses())
        .resolve(context.target(), new Resolution.Input(in.hashed().versionRequests(), fixed, context.deadline())).resolved();
    Map<String, String> variables = new HashMap<>(fixed);
    variables.putAll(resolved);
    return Next.go(new Resolved(in.known(), in.hashed().digest(), in.source(), resolved, variables));
  }
}
