package se.kth.aspen.runner;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import se.kth.aspen.runner.cli.Cli;
import se.kth.aspen.runner.cli.CliContext;

/** The process: the real environment, stdout and stderr, SIGTERM; everything else is {@link Cli}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    LogSetup.configure(env);
    // The JDK's HTTP server waits forever for a slow client unless told otherwise; a few stalled
    // connections would otherwise hold the API's threads.
    System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "30"));
    System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "60"));
    CliContext context = new CliContext(env, Path.of("").toAbsolutePath(), System.out, System.err,
        Adapters::open, new StopSignal(), Clock.systemUTC());
    int code = Cli.execute(context, args);
    LogSetup.stop();
    System.out.flush();
    System.exit(code);
  }
}
