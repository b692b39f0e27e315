package se.kth.aspen.runner.page;

import java.util.List;
import java.util.Objects;

/**
 * What the page's header says of the runner that serves it.
 *
 * @param health {@code ok} or {@code degraded}, as {@code /healthz} says
 * @param problems why it is degraded
 * @param loop the loop's state: RUNNING (a pass), WAITING (for the next) or STOPPED
 * @param peers other runners sharing the state store, as far as this one has seen them
 * @param tokenRequired whether actions need the API token
 * @param commits where the forge shows a revision, when known
 */
public record RunnerFacts(String name, String version, String health, List<String> problems, String loop,
    List<String> peers, boolean tokenRequired, java.util.Optional<CommitLinks> commits) {

  /** Without links to the forge. */
  public RunnerFacts(String name, String version, String health, List<String> problems, String loop,
      List<String> peers, boolean tokenRequired) {
    this(name, version, health, problems, loop, peers, tokenRequired, java.util.Optional.empty());
  }

  public RunnerFacts {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(health, "health");
    problems = List.copyOf(problems);
    Objects.requireNonNull(loop, "loop");
    peers = List.copyOf(peers);
    Objects.requireNonNull(commits, "commits");
  }
}
