package se.kth.aspen.runner.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.kth.aspen.core.fake.MutableClock;
import se.kth.aspen.core.fake.RecordingNotifier;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.policy.PolicyName;
import se.kth.aspen.core.port.ErrorNotice;

class PassLogTest {

  private final RecordingNotifier notifier = new RecordingNotifier();
  private final MutableClock clock = MutableClock.atFixedStart();
  private final PassLog passLog = new PassLog(notifier, clock);

  private static PassReport withProblems(String... problems) {
    return new PassReport("rev", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1), List.of(), List.of(problems),
        PolicyName.all());
  }

  @Test
  void aPassProblemIsToldOnceThenAgainAfterTenMinutesAsARepeat() {
    String down = "the registry could not be read: fetching origin: connection refused";

    passLog.passDone(withProblems(down));
    clock.advance(Duration.ofMinutes(9));
    passLog.passDone(withProblems(down));
    clock.advance(Duration.ofMinutes(1));
    passLog.passDone(withProblems(down));

    assertThat(notifier.errors()).containsExactly(
        new ErrorNotice.PassProblem(down, false),
        new ErrorNotice.PassProblem(down, true));
  }

  @Test
  void aProblemThatWentAwayIsToldAfreshWhenItComesBack() {
    passLog.passDone(withProblems("cluster directory down"));
    passLog.passDone(withProblems());
    passLog.passDone(withProblems("cluster directory down"));

    assertThat(notifier.errors()).containsExactly(
        new ErrorNotice.PassProblem("cluster directory down", false), new ErrorNotice.PassProblem("cluster directory down", false));
  }
}
