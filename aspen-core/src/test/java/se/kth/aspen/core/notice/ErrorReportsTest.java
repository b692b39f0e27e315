package se.kth.aspen.core.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.port.ErrorMark;
import se.kth.aspen.core.port.ErrorNotice;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.state.InMemoryStateStore;

class ErrorReportsTest {

  private final MutableClock clock = MutableClock.atFixedStart();
  private final InMemoryStateStore state = new InMemoryStateStore(clock);
  private final ErrorReports reports = new ErrorReports(state, clock, Duration.ofMinutes(10));
  private final TargetKey app = new TargetKey("g", "active", "app/active/docker-stack.yml");
  private final ErrorNotice notice = new ErrorNotice("Error deploying *active/app* in step _Verify_\ncrash", Optional.of("#team"), Optional.empty());

  private Optional<String> at(long minutes, String step) throws Exception {
    clock.set(java.time.Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(minutes)));
    return reports.admit(new ErrorMark(app, step), notice).map(ErrorNotice::message);
  }

  @ParameterizedTest(name = "reported at 0, asked again at {0} min: {1}")
  @CsvSource({"0, ''", "5, ''", "9, ''", "10, '<!here> '", "11, '<!here> '", "600, '<!here> '"})
  void theSameErrorIsReportedOnceThenAgainWithHereAfterTenMinutes(long minutes, String prefix) throws Exception {
    assertThat(at(0, "Verify")).contains(notice.message());

    Optional<String> again = at(minutes, "Verify");

    if (minutes < 10) {
      assertThat(again).isEmpty();
    } else {
      assertThat(again).contains(prefix + notice.message());
    }
  }

  @Test
  void aRepeatRestartsTheTenMinutes() throws Exception {
    at(0, "Verify");
    assertThat(at(10, "Verify")).isPresent();
    assertThat(at(19, "Verify")).isEmpty();
    assertThat(at(20, "Verify")).contains("<!here> " + notice.message());
  }

  @Test
  void anotherStepOrClusterIsAnotherError() throws Exception {
    at(0, "Verify");

    assertThat(at(1, "Deploy")).contains(notice.message());
    assertThat(reports.admit(new ErrorMark(new TargetKey("g", "stage", "app/stage/docker-stack.yml"), "Verify"), notice)).isPresent();
  }

  @Test
  void aSuccessClearsTheErrorSoTheNextOneIsNewsAgain() throws Exception {
    at(0, "Verify");
    reports.clear(app);

    assertThat(at(1, "Verify")).contains(notice.message());
  }

  @Test
  void theMessageFollowsTheContract() {
    assertThat(ErrorReports.message("active", "kth-azure-app", "ResourcePolicy", "docker-stack.yml has bad resource policy"))
        .isEqualTo("Error deploying *active/kth-azure-app* in step _ResourcePolicy_\ndocker-stack.yml has bad resource policy");
  }
}
