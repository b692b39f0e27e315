package se.kth.aspen.core.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service's {@code healthcheck}, with {@code test} as the engine takes it: a list as written
 * ({@code [CMD, ...]}, {@code [CMD-SHELL, ...]}, {@code [NONE]}), a string as
 * {@code [CMD-SHELL, string]}, and {@code disable: true} as {@code [NONE]}.
 */
final class HealthcheckReader {

  private HealthcheckReader() {}

  static Optional<HealthcheckSpec> read(Block service) throws StackFileException {
    Optional<Block> found = service.block("healthcheck");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Block check = found.get();
    check.allowOnly(Set.of("test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"));
    boolean disabled = check.bool("disable").orElse(false);
    List<String> test;
    if (disabled) {
      if (check.has("test")) {
        throw check.context.invalid(check.path, check.line("disable"), "cannot have both test and disable: true");
      }
      test = List.of("NONE");
    } else if (check.mapping.get("test") instanceof YNode.Sequence) {
      test = check.strings("test");
      if (!test.isEmpty() && !Set.of("CMD", "CMD-SHELL", "NONE").contains(test.getFirst())) {
        throw check.context.invalid(check.child("test"), check.line("test"),
            "must start with CMD, CMD-SHELL or NONE, got \"" + test.getFirst() + "\"");
      }
    } else {
      test = new ArrayList<>();
      Optional<String> shell = check.string("test");
      if (shell.isPresent()) {
        test.add("CMD-SHELL");
        test.add(shell.get());
      }
    }
    return Optional.of(new HealthcheckSpec(test, check.duration("interval"), check.duration("timeout"),
        check.count("retries"), check.duration("start_period")));
  }
}
