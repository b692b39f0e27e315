package se.kth.aspen.core.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link HostBindPolicy} does with a host path a service binds that nobody granted
 * ({@code HOST_BIND_POLICY}).
 */
public enum HostBindMode {
  /** Deployed, with a warning in {@code validate}, {@code plan}, the pass and a recommendation notice. */
  WARN,
  /** Not deployed: a violation, as any other policy's. */
  DENY,
  /** Deployed without a word. */
  ALLOW;

  /** {@code warn}, {@code deny} or {@code allow}, any case; empty for any other word. */
  public static Optional<HostBindMode> parse(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.text().equals(lower)).findFirst();
  }

  /** As written in {@code HOST_BIND_POLICY}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return text();
  }
}
