package se.kth.aspen.core.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An error worth telling people about (aspen-core/README.md, "Notices"): the facts only; how
 * it reads is the notifier's business.
 */
public sealed interface ErrorNotice {

  /**
   * Whether it was told before and is told again because it persists; a notifier makes a reminder
   * stand out. Core decides it (once per error, again after the repeat interval).
   */
  default boolean repeat() {
    return false;
  }

  /**
   * An app failed on a cluster.
   *
   * @param step the step that failed ({@code ResourcePolicy}, {@code Deploy}, {@code Verify}...)
   * @param reason what went wrong, as the step said it; may span lines
   * @param channels for an expected (user) error: the channels the stack's services name, in file
   *     order; empty otherwise
   * @param stackTrace for an unexpected error: its stack trace
   */
  record DeployFailed(String application, String cluster, String step, String reason, List<String> channels,
      Optional<String> stackTrace, boolean repeat) implements ErrorNotice {
    public DeployFailed {
      Objects.requireNonNull(application, "application");
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(reason, "reason");
      channels = List.copyOf(channels);
      Objects.requireNonNull(stackTrace, "stackTrace");
    }
  }

  /**
   * An app's services no longer run what was deployed.
   *
   * @param differences one line per difference, naming fields only, never a value that may be secret
   */
  record Drift(String application, String cluster, List<String> differences, boolean repeat) implements ErrorNotice {
    public Drift {
      Objects.requireNonNull(application, "application");
      Objects.requireNonNull(cluster, "cluster");
      differences = List.copyOf(differences);
    }
  }

  /**
   * A pass's targets that could not be tried because the state store could not be reached: told
   * once per outage instead of once per target.
   *
   * @param store what the store is ({@code Redis})
   * @param reason the first target's error
   * @param targets the targets ({@code active/app}), sorted
   */
  record StoreOutage(String store, String reason, List<String> targets) implements ErrorNotice {
    public StoreOutage {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(reason, "reason");
      targets = List.copyOf(targets);
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("a store outage notice names at least one target");
      }
    }
  }

  /** A problem of a pass as a whole (the registry or the cluster directory unreadable). */
  record PassProblem(String problem, boolean repeat) implements ErrorNotice {
    public PassProblem {
      Objects.requireNonNull(problem, "problem");
    }
  }

  /**
   * A pass that threw: a defect in Aspen.
   *
   * @param exception the exception's simple class name
   * @param message its message, if it had one
   */
  record PassCrashed(String exception, Optional<String> message, String stackTrace) implements ErrorNotice {
    public PassCrashed {
      Objects.requireNonNull(exception, "exception");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(stackTrace, "stackTrace");
    }
  }
}
