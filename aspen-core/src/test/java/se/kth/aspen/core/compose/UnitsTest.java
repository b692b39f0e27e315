package se.kth.aspen.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
      "0, 0", "3s, 3000000000", "1m30s, 90000000000", "300ms, 300000000", "1.5h, 5400000000000",
      "2us, 2000", "2µs, 2000", "10ns, 10", "1h2m3s4ms, 3723004000000", ".5s, 500000000", "1.s, 1000000000",
      "-1s, -1000000000"})
  void durationsAreReadAsGoReadsThem(String text, long nanos) {
    assertThat(Units.duration(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "", "s", "1x", "1 s", "1s2", "abc", "."})
  void durationsWithoutAUnitOrWithAnUnknownOneAreRefused(String text) {
    assertThatThrownBy(() -> Units.duration(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be a duration such as 10s or 1m30s");
  }

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
      "67108864, 67108864", "64M, 67108864", "64m, 67108864", "64MB, 67108864", "64mib, 67108864",
      "1g, 1073741824", "1G, 1073741824", "512k, 524288", "100b, 100", "1.5g, 1610612736", "2t, 2199023255552",
      "64 M, 67108864"})
  void memoryUsesBinaryUnits(String text, long bytes) {
    assertThat(Units.memoryBytes(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "64X", "-1M", "", "1e3"})
  void memoryThatIsNotASizeIsRefused(String text) {
    assertThatThrownBy(() -> Units.memoryBytes(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} cpus = {1} nano")
  @CsvSource({"0.5, 500000000", "1, 1000000000", "0.001, 1000000", "2.25, 2250000000", "0.0000000001, 0"})
  void cpusBecomeBillionths(String text, long nanos) {
    assertThat(Units.nanoCpus(text)).isEqualTo(nanos);
  }

  @ParameterizedTest
  @ValueSource(strings = {"half", "-1", "", "1e-2147483647"})
  void cpusThatAreNotANonNegativeNumberAreRefused(String text) {
    assertThatThrownBy(() -> Units.nanoCpus(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
