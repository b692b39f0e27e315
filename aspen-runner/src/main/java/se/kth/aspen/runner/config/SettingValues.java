package se.kth.aspen.runner.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads single values of the environment as numbers, durations, flags, paths and URLs, noting a
 * problem instead of failing, so that the reader can report every problem at once.
 */
final class SettingValues {

  static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  final Map<String, String> env;
  final Path workingDirectory;
  final List<String> problems = new ArrayList<>();

  SettingValues(Map<String, String> env, Path workingDirectory) {
    this.env = env;
    this.workingDirectory = workingDirectory;
  }

  void problem(String text) {
    problems.add(text);
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  Optional<String> text(Setting setting) {
    String value = env.get(setting.name());
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The old tool's flags: "set to anything to enable". */
  boolean anything(Setting setting) {
    return text(setting).isPresent();
  }

  boolean bool(Setting setting) {
    Optional<String> value = text(setting);
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> {
        problem(setting + ": \"" + value.get() + "\" is not true or false");
        yield false;
      }
    };
  }

  int integer(Setting setting, int defaultValue, int min, int max) {
    Optional<String> value = text(setting);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int number = Integer.parseInt(value.get());
      if (number < min || number > max) {
        problem(setting + ": " + number + " is outside " + min + ".." + max);
      }
      return number;
    } catch (NumberFormatException e) {
      problem(setting + ": \"" + value.get() + "\" is not a whole number");
      return defaultValue;
    }
  }

  Duration duration(Setting setting, Duration defaultValue) {
    return text(setting).flatMap(t -> parseDuration(setting, t)).orElse(defaultValue);
  }

  /** Seconds as the old tool took them ({@code 15}), or with a unit: 500ms, 10s, 15m, 2h, 1d. */
  Optional<Duration> parseDuration(Setting setting, String text) {
    var matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      problem(setting + ": \"" + text + "\" is not a duration (seconds, or a number with ms, s, m, h or d)");
      return Optional.empty();
    }
    try {
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      return Optional.of(switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofSeconds(amount);
      });
    } catch (NumberFormatException | ArithmeticException e) {
      problem(setting + ": \"" + text + "\" is too large");
      return Optional.empty();
    }
  }

  Optional<Path> path(Setting setting, String text) {
    try {
      return Optional.of(workingDirectory.resolve(text).normalize());
    } catch (InvalidPathException e) {
      problem(setting + ": \"" + text + "\" is not a path (" + e.getReason() + ")");
      return Optional.empty();
    }
  }

  Optional<Path> readableFile(Setting setting, String text) {
    Optional<Path> path = path(setting, text);
    path.filter(p -> !Files.isRegularFile(p) || !Files.isReadable(p))
        .ifPresent(p -> problem(setting + ": " + p + " is not a readable file"));
    return path;
  }

  Optional<URI> httpUrl(Setting setting) {
    return text(setting).flatMap(t -> httpUrl(setting, t));
  }

  Optional<URI> httpUrl(Setting setting, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, in the same words as a wrong scheme
    }
    problem(setting + ": \"" + Redaction.url(text) + "\" is not an http:// or https:// URL"
        + (setting == Setting.CLUSTER_STATUS_API_URL ? " (set CLUSTER_STATUS_URL_IS_FILE for a file)" : ""));
    return Optional.empty();
  }
}
