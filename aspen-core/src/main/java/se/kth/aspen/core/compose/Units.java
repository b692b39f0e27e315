package se.kth.aspen.core.compose;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value conversions the Compose CLI applies, with Go's rules: durations as Go's
 * {@code time.ParseDuration} reads them, memory as go-units' {@code RAMInBytes} (binary units),
 * CPUs as a decimal count. Each throws {@link IllegalArgumentException} with the reason.
 */
final class Units {

  private Units() {}

  private static final Pattern DURATION_PART = Pattern.compile("(\\d*(?:\\.\\d*)?)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, BigDecimal> NANOS_PER_UNIT = Map.of(
      "ns", BigDecimal.ONE,
      "us", BigDecimal.valueOf(1_000),
      "µs", BigDecimal.valueOf(1_000),
      "μs", BigDecimal.valueOf(1_000),
      "ms", BigDecimal.valueOf(1_000_000),
      "s", BigDecimal.valueOf(1_000_000_000L),
      "m", BigDecimal.valueOf(60_000_000_000L),
      "h", BigDecimal.valueOf(3_600_000_000_000L));
  private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?");
  private static final Pattern CPUS = Pattern.compile("\\d{1,18}(?:\\.\\d{0,18})?|\\.\\d{1,18}");
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  static Duration duration(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("must be a duration such as 10s or 1m30s");
    }
    Matcher m = DURATION_PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw new IllegalArgumentException("must be a duration such as 10s or 1m30s");
      }
      nanos = nanos.add(new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1))
          .multiply(NANOS_PER_UNIT.get(m.group(2))));
      at = m.end();
    }
    if (nanos.compareTo(MAX_LONG) > 0) {
      throw new IllegalArgumentException("is too long a duration");
    }
    long whole = nanos.setScale(0, RoundingMode.DOWN).longValueExact();
    return Duration.ofNanos(negative ? -whole : whole);
  }

  static long memoryBytes(String text) {
    Matcher m = MEMORY.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a size such as 512M or 1g");
    }
    int power = m.group(2) == null ? 0 : "kmgtp".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1;
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    if (bytes.compareTo(MAX_LONG) > 0) {
      throw new IllegalArgumentException("is too large");
    }
    return bytes.setScale(0, RoundingMode.DOWN).longValueExact();
  }

  static long nanoCpus(String text) {
    String s = text.strip();
    if (s.startsWith("-") && CPUS.matcher(s.substring(1)).matches()) {
      throw new IllegalArgumentException("must not be negative");
    }
    // Decimal notation only: an exponent such as 1e-2147483647 would make BigDecimal work for nothing.
    if (!CPUS.matcher(s).matches()) {
      throw new IllegalArgumentException("must be a number of CPUs such as 0.5");
    }
    BigDecimal cpus = new BigDecimal(s);
    BigDecimal nanos = cpus.movePointRight(9);
    if (nanos.compareTo(MAX_LONG) > 0) {
      throw new IllegalArgumentException("is too large");
    }
    return nanos.setScale(0, RoundingMode.DOWN).longValueExact();
  }
}
