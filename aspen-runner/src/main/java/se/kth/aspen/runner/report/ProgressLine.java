package se.kth.aspen.runner.report;

import java.time.Duration;
import se.kth.aspen.core.pass.AppResult;

/** One line per app as it finishes: {@code active/app-a DEPLOYED 1.2s web=...:1.2.4}. */
public final class ProgressLine {

  private ProgressLine() {}

  public static String of(AppResult result) {
    StringBuilder line = new StringBuilder()
        .append(result.target()).append(' ').append(result.status()).append(' ').append(seconds(result.duration()));
    result.images().forEach((service, image) -> line.append(' ').append(service).append('=').append(image));
    result.step().ifPresent(step -> line.append(" [").append(step).append(']'));
    result.reason().ifPresent(reason -> line.append(' ').append(reason.lines().findFirst().orElse("")));
    return line.toString();
  }

  /**
   * The app's warnings, one line each, for under its progress line: {@code   warning: active/app-a:
   * service web: variable X is not set, ...}.
   */
  public static java.util.List<String> warnings(AppResult result) {
    return result.warnings().stream().map(w -> "  warning: " + result.target() + ": " + w).toList();
  }

  /** Tenths of a second, rounded half up: {@code 1.25 s} reads {@code 1.3s}. */
  static String seconds(Duration duration) {
    long tenths = (duration.toMillis() + 50) / 100;
    return tenths / 10 + "." + tenths % 10 + "s";
  }
}
