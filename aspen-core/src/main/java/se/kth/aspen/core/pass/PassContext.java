package se.kth.aspen.core.pass;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import se.kth.aspen.core.compose.StackReader;
import se.kth.aspen.core.compose.StackSource;
import se.kth.aspen.core.fingerprint.TreeListing;
import se.kth.aspen.core.policy.Policies;
import se.kth.aspen.core.port.ClusterInventory;
import se.kth.aspen.core.port.RegistrySnapshot;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.core.version.TagCatalog;

/**
 * What every target of one pass shares: ports, settings, the per-pass catalogs, the revision,
 * the walk of the registry when this pass made one (not when it recalled the discovery), and the
 * targets' states read ahead in one go (a hint for each target's first decision), and each
 * cluster's stacks as listed once for the drift check (a cluster missing there was not checked;
 * listed beside the targets, so only a target that checks drift waits for it),
 * and the order of the apps that wait for others, and the stacks {@link Scouting} parsed for their
 * targets to take (by stack path; each taken once, then dropped).
 */
record PassContext(
    Ports ports,
    PassSettings settings,
    Clock clock,
    PassMode mode,
    String revision,
    StackReader reader,
    Policies policies,
    TagCatalog tags,
    RangeUses rangeUses,
    Optional<DigestCatalog> digests,
    Recording recording,
    PassMemory memory,
    RegistrySnapshot snapshot,
    Optional<TreeListing> tree,
    Map<TargetKey, TargetState> states,
    CompletableFuture<Map<String, ClusterInventory>> inventories,
    AppOrder order,
    Map<String, StackSource> scouted,
    long startedNanos) {

  PassContext {
    // A read-only view, not a copy: the map the store read (a fresh one per pass, which nothing
    // else holds) would be copied for 1 000 targets every pass only to be looked up once each.
    states = Collections.unmodifiableMap(states);
  }

  /** The same context with the targets' states read ahead (scouting runs before they are in). */
  PassContext withStates(Map<TargetKey, TargetState> read) {
    return new PassContext(ports, settings, clock, mode, revision, reader, policies, tags, rangeUses, digests, recording,
        memory, snapshot, tree, read, inventories, order, scouted, startedNanos);
  }

  /**
   * This pass as seen by a target that waited while another pass ran it: the tag lists listed
   * afresh and the states read afresh, since what this pass read at its start predates that run.
   */
  PassContext afterAnotherRun() {
    return new PassContext(ports, settings, clock, mode, revision, reader, policies,
        new TagCatalog(ports.images(), settings.requestTimeout()), rangeUses, digests, recording, memory, snapshot, tree,
        Map.of(), inventories, order, scouted, startedNanos);
  }
}
