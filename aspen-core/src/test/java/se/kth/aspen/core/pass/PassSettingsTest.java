package se.kth.aspen.core.pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassSettingsTest {

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "app-a;app-b|app-a,app-b",
      "app-a,app-b|app-a,app-b",
      " app-a ; app-b ,app-c |app-a,app-b,app-c",
      "app-a;;app-b;|app-a,app-b",
      "''|''",
  })
  void namesAreSeparatedBySemicolonsOrCommas(String text, String expected) {
    assertThat(String.join(",", PassSettings.parseNames(text))).isEqualTo(expected);
  }

  @Test
  void theDefaultsAreTheContracts() {
    PassSettings s = PassSettings.defaults("grp").build();

    assertThat(s.parallelism()).isEqualTo(5);
    assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.verify().attempts()).isEqualTo(5);
    assertThat(s.verify().delay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.frontEndRuleLabel()).isEqualTo("traefik.frontend.rule");
    assertThat(s.failedRetryBackoff()).isEmpty();
    assertThat(s.errorRepeatAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.rollbackOnFailure()).isFalse();
    assertThat(s.skipDeployment()).isFalse();
    assertThat(s.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void nonsenseIsRefusedByName() {
    assertThatThrownBy(() -> PassSettings.defaults("grp").parallelism(0).build())
        .hasMessage("parallelism must be at least 1, got 0");
    assertThatThrownBy(() -> PassSettings.defaults("grp").requestTimeout(Duration.ZERO).build())
        .hasMessage("requestTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> PassSettings.defaults("grp").leaseTtl(Duration.ofSeconds(-1)).build())
        .hasMessage("leaseTtl must be positive, got PT-1S");
  }
}
