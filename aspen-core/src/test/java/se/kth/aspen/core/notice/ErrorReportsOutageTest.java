package se.kth.aspen.core.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.StateStore;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.UnreachableException;
import se.kth.aspen.core.state.InMemoryStateStore;

/** Error notices while the store that keeps their marks is down, and marks of errors that cleared. */
class ErrorReportsOutageTest {

  private final MutableClock clock = MutableClock.atFixedStart();
  private final InMemoryStateStore real = new InMemoryStateStore(clock);
  private volatile boolean down;
  /** The real store, or one whose every call fails as an unreachable Redis's does. */
  private final StateStore state = (StateStore) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
        if (down) {
          throw new UnreachableException("Redis at redis://127.0.0.1:1: cannot reach it (Connection refused)");
        }
        try {
          return method.invoke(real, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause();
        }
      });
  private final ErrorReports reports = new ErrorReports(state, clock, Duration.ofMinutes(10));
  private final List<TargetKey> apps = List.of(key("a"), key("b"), key("c"), key("d"));

  private static TargetKey key(String app) {
    return new TargetKey("g", "active", app + "/active/docker-stack.yml");
  }

  /** What a pass over the apps told: each told app with how. */
  private List<String> pass(long seconds) {
    clock.set(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds));
    List<String> sent = new ArrayList<>();
    for (TargetKey app : apps) {
      reports.admit(new ErrorMark(app, "Lease")).ifPresent(telling -> sent.add(telling + " " + app.stackPath()));
    }
    return sent;
  }

  @Test
  void whileTheStoreIsDownEachErrorIsReportedOnceNotOncePerPass() {
    down = true;
    List<String> sent = new ArrayList<>();
    // 4 apps, a pass every 5 s for 49 s, then on for an hour: the flood the old code sent.
    for (long s = 0; s < 3600; s += 5) {
      sent.addAll(pass(s));
    }

    assertThat(sent).hasSize(4).doesNotHaveDuplicates();
  }

  @Test
  void aReportSentDuringAnOutageStillCountsWhenTheStoreIsBack() {
    down = true;
    assertThat(pass(0)).hasSize(4);

    down = false;
    assertThat(pass(60)).as("reported a minute ago, during the outage").isEmpty();
    assertThat(pass(660)).as("ten minutes later: the usual repeat").hasSize(4).allMatch(m -> m.startsWith("REPEAT "));
  }

  @Test
  void theMarkOfAnErrorThatClearedWithoutADeployIsRemovedSoTheNextErrorIsNewsWithoutTheRepeatPrefix() throws Exception {
    ErrorMark mark = new ErrorMark(key("a"), "Lease");
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(reports.admit(mark)).isPresent();

    // The app is found unchanged: its error has cleared.
    reports.clearIfReported(key("a"));

    clock.set(Instant.parse("2026-01-01T00:02:00Z"));
    assertThat(reports.admit(mark)).as("not held back, not a repeat").contains(ErrorReports.Telling.FIRST);
    assertThat(real.errorReported(mark)).isPresent();
  }
}
