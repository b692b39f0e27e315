package se.kth.aspen.core.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.notice.ErrorReports.Telling;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.state.InMemoryStateStore;

class ErrorReportsTest {

  private final MutableClock clock = MutableClock.atFixedStart();
  private final InMemoryStateStore state = new InMemoryStateStore(clock);
  private final ErrorReports reports = new ErrorReports(state, clock, Duration.ofMinutes(10));
  private final TargetKey app = new TargetKey("g", "active", "app/active/docker-stack.yml");
  private Optional<Telling> at(long minutes, String step) throws Exception {
    clock.set(java.time.Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(minutes)));
    return reports.admit(new ErrorMark(app, step));
  }

  @ParameterizedTest(name = "reported at 0, asked again at {0} min")
  @ValueSource(longs = {0, 5, 9, 10, 11, 600})
  void theSameErrorIsReportedOnceThenAgainAsARepeatAfterTenMinutes(long minutes) throws Exception {
    assertThat(at(0, "Verify")).contains(Telling.FIRST);

    Optional<Telling> again = at(minutes, "Verify");

    if (minutes < 10) {
      assertThat(again).isEmpty();
    } else {
      assertThat(again).contains(Telling.REPEAT);
    }
  }

  @Test
  void aRepeatRestartsTheTenMinutes() throws Exception {
    at(0, "Verify");
    assertThat(at(10, "Verify")).isPresent();
    assertThat(at(19, "Verify")).isEmpty();
    assertThat(at(20, "Verify")).contains(Telling.REPEAT);
  }

  @Test
  void anotherStepOrClusterIsAnotherError() throws Exception {
    at(0, "Verify");

    assertThat(at(1, "Deploy")).contains(Telling.FIRST);
    assertThat(reports.admit(new ErrorMark(new TargetKey("g", "stage", "app/stage/docker-stack.yml"), "Verify")))
        .contains(Telling.FIRST);
  }

  @Test
  void aSuccessClearsTheErrorSoTheNextOneIsNewsAgain() throws Exception {
    at(0, "Verify");
    reports.clear(app);

    assertThat(at(1, "Verify")).contains(Telling.FIRST);
  }
}
