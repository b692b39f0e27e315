package se.kth.aspen.core.pass;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import se.kth.aspen.core.policy.PolicyName;

/**
 * What one pass did: the registry revision, every target's result in a stable order (by stack
 * path, then cluster), and problems of the pass as a whole (a stale registry snapshot or cluster
 * list, a selected cluster that does not exist, a registry that could not be read at all, a
 * cluster whose stacks could not be listed for the drift check).
 *
 * @param revision the registry revision the pass read; empty text when no snapshot could be had
 * @param policies the policies every stack of the pass was checked against, in the order they run
 * @param orphans the stacks of this group on the listed clusters whose directory is gone
 */
public record PassReport(
    String revision, Instant startedAt, Duration duration, List<AppResult> results, List<String> problems,
    Set<PolicyName> policies, List<Orphan> orphans) {

  public PassReport {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    results = List.copyOf(results);
    problems = List.copyOf(problems);
    policies = PolicyName.ordered(policies);
    orphans = List.copyOf(orphans);
  }

  /** A report without orphans. */
  public PassReport(String revision, Instant startedAt, Duration duration, List<AppResult> results, List<String> problems,
      Set<PolicyName> policies) {
    this(revision, startedAt, duration, results, problems, policies, List.of());
  }

  /**
   * This report with a later pass over some of its apps laid over it: that pass's results replace
   * the same targets' (and targets it found anew are added at the end); its revision, time and
   * problems and policies are taken.
   */
  public PassReport updatedBy(PassReport later) {
    java.util.Map<String, AppResult> newer = new java.util.LinkedHashMap<>();
    later.results().forEach(r -> newer.put(r.target().stackPath(), r));
    java.util.List<AppResult> merged = new java.util.ArrayList<>(results.size() + newer.size());
    for (AppResult result : results) {
      AppResult replacement = newer.remove(result.target().stackPath());
      merged.add(replacement != null ? replacement : result);
    }
    merged.addAll(newer.values());
    return new PassReport(later.revision(), later.startedAt(), later.duration(), merged, later.problems(), later.policies());
  }

  /** How many targets ended with the status. */
  public long count(AppStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /**
   * The problems saying that a cluster could not be checked for drift or orphans (its apps' drift,
   * or its orphans, are unknown, not absent).
   */
  public List<String> driftNotChecked() {
    return problems.stream().filter(p -> p.startsWith(Inventories.NOT_CHECKED) || p.startsWith(Orphans.NOT_CHECKED)).toList();
  }

  /** True when a target failed (BLOCKED counts as failed: its desired state does not run). */
  public boolean anyFailed() {
    return results.stream().anyMatch(r -> r.status() == AppStatus.FAILED || r.status() == AppStatus.BLOCKED);
  }
}
