package se.kth.aspen.runner.config;

import java.util.List;

/** A configuration that cannot be used, with every problem found, not just the first. */
public final class ConfigurationException extends Exception {

  private final List<String> problems;

  public ConfigurationException(List<String> problems) {
    super("bad configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  - "
        + String.join("\n  - ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a configuration error needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
