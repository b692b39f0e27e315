package se.kth.aspen.runner.launch;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.cli.Cli;
import se.kth.aspen.runner.cli.CliContext;

/** The process: the real environment, stdout and stderr, SIGTERM; everything else is {@link Cli}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    LogSetup.configure(env);
    CliContext context = new CliContext(env, Path.of("").toAbsolutePath(), System.out, System.err,
        Adapters::open, new StopSignal(), Clock.systemUTC());
    int code = Cli.execute(context, args);
    LogSetup.stop();
    System.out.flush();
    System.exit(code);
  }
}
