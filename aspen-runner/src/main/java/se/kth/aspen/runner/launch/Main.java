package se.kth.aspen.runner.launch;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.cli.Cli;
import se.kth.aspen.runner.cli.CliContext;
import se.kth.aspen.runner.cli.HealthProbe;

/** The process: the real environment, stdout and stderr, SIGTERM; everything else is {@link Cli}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    if (args.length == 1 && args[0].equals("healthcheck")) {
      // The container's health probe, every interval: no logging, no command line to build.
      System.exit(HealthProbe.check(env, Optional.empty(), 3, System.out, System.err));
    }
    LogSetup.configure(env);
    CliContext context = new CliContext(env, Path.of("").toAbsolutePath(), System.out, System.err,
        Adapters::open, new StopSignal(), Clock.systemUTC());
    int code = Cli.execute(context, args);
    LogSetup.stop();
    System.out.flush();
    System.exit(code);
  }
}
