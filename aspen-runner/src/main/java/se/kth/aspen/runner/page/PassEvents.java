package se.kth.aspen.runner.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import se.kth.aspen.core.pass.AppResult;
import se.kth.aspen.core.pass.AppStatus;
import se.kth.aspen.core.pass.AppTarget;
import se.kth.aspen.core.pass.FailureKind;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.port.LeaseHolder;
import se.kth.aspen.runner.loop.PassObserver;
import se.kth.aspen.runner.report.ReportJson;

/**
 * What passes decide, as server-sent event frames for every open {@code /api/v1/events} stream:
 * {@code app} with an app's result (the fields of {@code /api/v1/applications}) as soon as the
 * pass decides it, only when it differs from the one sent before; {@code pass} with a pass's
 * summary when it ends. A subscriber that falls {@link #BACKLOG} frames behind is dropped: its
 * client reconnects and reads the whole picture again.
 */
public final class PassEvents implements PassObserver, AutoCloseable {

  /** Frames a slow subscriber may owe; a pass over 1 000 apps that all change fits. */
  public static final int BACKLOG = 4096;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
  private final Map<AppTarget, Shown> lastSent = new ConcurrentHashMap<>();
  private volatile boolean closed;

  @Override
  public void appDone(AppResult result) {
    // Called for every app of every pass, nearly always with what was sent before: compared on
    // the result's fields, not its JSON, so that an unchanged app costs no JSON at all.
    Shown shown = Shown.of(result);
    if (shown.equals(lastSent.put(result.target(), shown))) {
      return;
    }
    if (!subscribers.isEmpty()) {
      publish(frame("app", ReportJson.result(result).toString()));
    }
  }

  /**
   * What the page shows of a result: every field {@link ReportJson#result} writes but how long
   * the app took, which differs every pass.
   */
  private record Shown(AppStatus status, Optional<String> step, Optional<String> reason, Map<String, String> images,
      Optional<Instant> blockedSince, Optional<LeaseHolder> heldBy, Optional<FailureKind> failure,
      List<String> rolledBack, List<String> warnings, Optional<AppResult.LastDeploy> lastDeploy) {

    static Shown of(AppResult r) {
      return new Shown(r.status(), r.step(), r.reason(), r.images(), r.blockedSince(), r.heldBy(), r.failure(),
          r.rolledBack(), r.warnings(), r.lastDeploy());
    }

    // Written out (what a record's own does): the generated one goes through method handles, which
    // the launcher's quick compiler does not fold away, for every app of every pass. The record's
    // own hashCode agrees with it.
    @Override
    public boolean equals(Object other) {
      return other instanceof Shown s && status == s.status && step.equals(s.step) && reason.equals(s.reason)
          && images.equals(s.images) && blockedSince.equals(s.blockedSince) && heldBy.equals(s.heldBy)
          && failure.equals(s.failure) && rolledBack.equals(s.rolledBack) && warnings.equals(s.warnings)
          && lastDeploy.equals(s.lastDeploy);
    }
  }

  @Override
  public void passDone(PassReport report) {
    publish(frame("pass", summary(PassSummary.of(report)).toString()));
  }

  @Override
  public void passCrashed(Throwable failure) {
    publish(frame("pass", summary(PassSummary.crashedAt(java.time.Instant.now())).toString()));
  }

  /** The timeline's fields of a pass, as the {@code pass} event and the page's script carry them. */
  public static ObjectNode summary(PassSummary pass) {
    return JSON.createObjectNode()
        .put("startedAt", pass.startedAt().toString())
        .put("seconds", pass.duration().toMillis() / 1000.0)
        .put("revision", pass.revision())
        .put("apps", pass.apps())
        .put("changed", pass.changed())
        .put("failed", pass.failed())
        .put("crashed", pass.crashed());
  }

  /** One event as the stream sends it; the data is one line of JSON. */
  static String frame(String event, String data) {
    return "event: " + event + "\ndata: " + data + "\n\n";
  }

  private void publish(String frame) {
    for (Subscription subscription : subscribers) {
      subscription.offer(frame);
    }
  }

  /** A new stream's subscription; closing it unsubscribes. */
  public Subscription subscribe() {
    Subscription subscription = new Subscription();
    subscribers.add(subscription);
    if (closed) {
      subscription.close();
    }
    return subscription;
  }

  /** Ends every stream (the runner is stopping). */
  @Override
  public void close() {
    closed = true;
    subscribers.forEach(Subscription::close);
  }

  /** How many streams are open. */
  public int subscribers() {
    return subscribers.size();
  }

  /** The frames owed to one stream. */
  public final class Subscription implements AutoCloseable {
    private final BlockingQueue<String> frames = new ArrayBlockingQueue<>(BACKLOG);
    private volatile boolean ended;

    private Subscription() {}

    private void offer(String frame) {
      if (!frames.offer(frame)) {
        ended = true;
      }
    }

    /**
     * The next frame, or empty when none came within {@code wait} (time for a keep-alive).
     *
     * @throws Ended when the stream is to end: the runner stops, or this stream fell behind
     */
    public Optional<String> next(Duration wait) throws Ended, InterruptedException {
      if (ended) {
        throw new Ended();
      }
      String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null && ended) {
        throw new Ended();
      }
      return Optional.ofNullable(frame);
    }

    @Override
    public void close() {
      ended = true;
      subscribers.remove(this);
    }
  }

  /** The stream is over; its client may reconnect. */
  public static final class Ended extends Exception {
    Ended() {
      super("the event stream ended", null, false, false);
    }
  }
}
