package se.kth.aspen.swarm.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

  @Test
  void readsWholeSeconds() {
    assertThat(RetryAfter.of(List.of("120"), NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.of(List.of(" 0 "), NOW)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateAsTheWaitFromNow() {
    assertThat(RetryAfter.of(List.of("Wed, 21 Oct 2026 07:30:30 GMT"), NOW)).contains(Duration.ofSeconds(150));
  }

  @Test
  void aDateAlreadyPastIsNoWait() {
    assertThat(RetryAfter.of(List.of("Wed, 21 Oct 2026 07:00:00 GMT"), NOW)).contains(Duration.ZERO);
  }

  @Test
  void ignoresAbsentNegativeAndUnreadableValues() {
    assertThat(RetryAfter.of(List.of(), NOW)).isEmpty();
    assertThat(RetryAfter.of(List.of("-5"), NOW)).isEmpty();
    assertThat(RetryAfter.of(List.of("soon"), NOW)).isEmpty();
    assertThat(RetryAfter.of(List.of("99999999999999999999999"), NOW)).isEmpty();
  }
}
