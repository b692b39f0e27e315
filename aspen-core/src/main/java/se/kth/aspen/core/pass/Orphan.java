package se.kth.aspen.core.pass;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stack this management group deployed whose {@code <app>/<cluster>} directory is no longer in
 * the registry.
 *
 * @param cluster the cluster it runs on
 * @param stack the stack (application) name
 * @param since when this runner first found it without a directory (a restarted runner starts
 *     counting again, so the grace is never cut short)
 * @param removed whether this pass removed it (PRUNE on, PRUNE_GRACE elapsed)
 * @param note why it was kept, or why removing it failed
 */
public record Orphan(String cluster, String stack, Instant since, boolean removed, Optional<String> note) {

  public Orphan {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(note, "note");
  }
}
