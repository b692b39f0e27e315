package se.kth.aspen.runner.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import se.kth.aspen.runner.Adapters;

/**
 * What commands run in: the environment, the working directory, the output streams, how the
 * adapters are built from the configuration, and how a long-running command waits to be stopped.
 *
 * @param stopSignal blocks until the process is asked to stop (SIGTERM, SIGINT)
 */
public record CliContext(
    Map<String, String> env,
    Path workingDirectory,
    PrintStream out,
    PrintStream err,
    Adapters.Factory adapters,
    StopSignal stopSignal,
    Clock clock) {

  /** Waits for the request to stop. */
  @FunctionalInterface
  public interface StopSignal {
    void await() throws InterruptedException;
  }

  public CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(adapters, "adapters");
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(clock, "clock");
  }
}
