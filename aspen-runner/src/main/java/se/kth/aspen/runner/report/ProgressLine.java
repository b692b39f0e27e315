package se.kth.aspen.runner.report;

import java.time.Duration;
import java.util.Locale;
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

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
  }
}
