package se.kth.aspen.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogSetupTest {

  @Test
  void infoUnlessAskedOtherwise() {
    assertThat(LogSetup.level(Map.of())).contains(Level.INFO);
  }

  @Test
  void debugWhenDebugIsSetToAnythingEvenEmptyAsTheOldTool() {
    assertThat(LogSetup.level(Map.of("DEBUG", "1"))).contains(Level.DEBUG);
    assertThat(LogSetup.level(Map.of("DEBUG", "false"))).contains(Level.DEBUG);
    assertThat(LogSetup.level(Map.of("DEBUG", ""))).contains(Level.DEBUG);
  }

  @Test
  void logLevelNamesTheLevelAndWinsOverDebug() {
    assertThat(LogSetup.level(Map.of("LOG_LEVEL", "warn", "DEBUG", "1"))).contains(Level.WARN);
    assertThat(LogSetup.level(Map.of("LOG_LEVEL", " DEBUG "))).contains(Level.DEBUG);
    assertThat(LogSetup.level(Map.of("LOG_LEVEL", "trace"))).contains(Level.TRACE);
    assertThat(LogSetup.level(Map.of("LOG_LEVEL", "error"))).contains(Level.ERROR);
    assertThat(LogSetup.level(Map.of("LOG_LEVEL", "", "DEBUG", "yes"))).contains(Level.DEBUG);
    assertThat(LogSetup.level(Map.of("LOG_LEVEL", "loud"))).isEqualTo(Optional.empty());
  }
}
