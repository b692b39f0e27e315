package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.kth.aspen.core.fingerprint.Fingerprint;
import se.kth.aspen.core.port.DeployRecord;
import se.kth.aspen.core.port.FailureRecord;
import se.kth.aspen.core.port.TargetState;

class DecisionTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Optional<DeployRecord> good(String fp) {
    return Optional.of(new DeployRecord(fp, T0, Map.of(), "rev"));
  }

  private static Optional<FailureRecord> failed(String fp, int attempts) {
    return Optional.of(new FailureRecord(fp, T0, "Verify", "crash", attempts));
  }

  private static Decision.Verdict decide(TargetState state, String fp, Duration after, Optional<Duration> backoff) {
    return new Decision().decide(new Decision.Input(new Fingerprint(fp), state, T0.plus(after), backoff, Duration.ofHours(1))).verdict();
  }

  @ParameterizedTest(name = "good={0} failed={1} now={2}: {3}")
  @CsvSource({
      "'',  '',  A, CHANGED",
      "A,   '',  A, UNCHANGED",
      "A,   '',  B, CHANGED",
      "A,   B,   B, BLOCKED",
      "'',  B,   B, BLOCKED",
      "A,   B,   C, CHANGED",
      "A,   B,   A, CHANGED",
  })
  void theFingerprintAgainstTheLastGoodAndLastFailed(String good, String failed, String now, Decision.Verdict expected) {
    TargetState state = new TargetState(good.isEmpty() ? Optional.empty() : good(good),
        failed.isEmpty() ? Optional.empty() : failed(failed, 1));

    assertThat(decide(state, now, Duration.ZERO, Optional.empty())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "attempt {0}: blocked until {1} minutes after the first failure")
  @CsvSource({"1, 15", "2, 45", "3, 105", "4, 165", "5, 225"})
  void theBackoffDoublesUpToItsCap(int attempts, long minutes) {
    TargetState state = new TargetState(Optional.empty(), failed("F", attempts));
    Optional<Duration> backoff = Optional.of(Duration.ofMinutes(15));

    assertThat(decide(state, "F", Duration.ofMinutes(minutes).minusSeconds(1), backoff)).isEqualTo(Decision.Verdict.BLOCKED);
    assertThat(decide(state, "F", Duration.ofMinutes(minutes), backoff)).isEqualTo(Decision.Verdict.RETRY);
  }

  @Test
  void withoutABackoffABlockedStateStaysBlockedForever() {
    TargetState state = new TargetState(Optional.empty(), failed("F", 1));

    assertThat(decide(state, "F", Duration.ofDays(365), Optional.empty())).isEqualTo(Decision.Verdict.BLOCKED);
  }
}
