package se.kth.aspen.runner.http;

import java.util.Objects;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.runner.loop.SyncLoop;
import se.kth.aspen.runner.metrics.PassMetrics;
import se.kth.aspen.runner.page.StatusFeed;

/**
 * What the API answers from and acts on.
 *
 * @param group this runner's {@code MANAGEMENT_RES_GRP}
 * @param runner this runner's name ({@code ASPEN_RUNNER_NAME}), which /healthz tells
 * @param retry forgets a target's failed desired state (the pass's retry); true when there was one
 * @param tags the tag catalogue: refreshed on request and on push events
 * @param feed the passes so far and the live events, for the status page and {@code /api/v1/events}
 */
public record ApiBackend(
    SyncLoop loop, StateStore state, String group, String runner, Retry retry, PassMetrics metrics, TagEvents tags,
    StatusFeed feed) {

  /** Forgets a failed desired state so that the next pass tries it again. */
  @FunctionalInterface
  public interface Retry {
    boolean retry(TargetKey target) throws PortException;
  }

  public ApiBackend {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(feed, "feed");
  }

  /** With a status feed that no loop feeds: the page shows the last report alone. */
  public ApiBackend(SyncLoop loop, StateStore state, String group, String runner, Retry retry, PassMetrics metrics, TagEvents tags) {
    this(loop, state, group, runner, retry, metrics, tags, StatusFeed.fresh(java.time.Clock.systemUTC(), "unknown"));
  }

  /** Without a tag catalogue. */
  public ApiBackend(SyncLoop loop, StateStore state, String group, String runner, Retry retry, PassMetrics metrics) {
    this(loop, state, group, runner, retry, metrics, TagEvents.none());
  }
}
