package se.kth.aspen.runner.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import se.kth.aspen.runner.Adapters;

/** Runs the command line in-process with a given environment and captures what it prints. */
final class CliRun {

  final int exitCode;
  final byte[] outBytes;
  final String err;

  private CliRun(int exitCode, byte[] outBytes, String err) {
    this.exitCode = exitCode;
    this.outBytes = outBytes;
    this.err = err;
  }

  String out() {
    return new String(outBytes, StandardCharsets.UTF_8);
  }

  static CliRun of(Map<String, String> env, Path workingDirectory, Adapters.Factory adapters, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = new CliContext(env, workingDirectory, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), adapters, () -> {
          throw new InterruptedException("tests do not wait for a signal");
        }, Clock.systemUTC());
    int code = Cli.execute(context, args);
    return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  static CliRun of(Map<String, String> env, Path workingDirectory, String... args) {
    return of(env, workingDirectory, (configuration, clock) -> {
      throw new AssertionError("this command must not build adapters");
    }, args);
  }
}
