package se.kth.aspen.core.pass;

import java.util.Objects;

/**
 * What a stage gives back: the next stage's input, or the target's finished result (UNCHANGED,
 * BLOCKED, a plan's CHANGED, FAILED...), after which no later stage runs.
 */
sealed interface Next<T> permits Next.Go, Next.Done {

  /** Go on with this as the next stage's input. */
  record Go<T>(T input) implements Next<T> {
    public Go {
      Objects.requireNonNull(input, "input");
    }
  }

  /** The target is finished. */
  record Done<T>(AppResult result) implements Next<T> {
    public Done {
      Objects.requireNonNull(result, "result");
    }
  }

  static <T> Next<T> go(T input) {
    return new Go<>(input);
  }

  static <T> Next<T> done(AppResult result) {
    return new Done<>(result);
  }
}
