package se.kth.aspen.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgressLineTest {

  @ParameterizedTest
  @CsvSource({"0, 0.0s", "49, 0.0s", "50, 0.1s", "1249, 1.2s", "1250, 1.3s", "9960, 10.0s", "125000, 125.0s"})
  void secondsAreTenthsRoundedHalfUp(long millis, String shown) {
    assertThat(ProgressLine.seconds(Duration.ofMillis(millis))).isEqualTo(shown);
  }
}
