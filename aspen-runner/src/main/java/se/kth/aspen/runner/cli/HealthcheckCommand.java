package se.kth.aspen.runner.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aspen healthcheck}: what the image's health check runs (a slim image has no curl, and
 * the jar is there anyway). The bare command, as the image runs it, skips the command line
 * altogether ({@link HealthProbe}); this is the same probe with options and help.
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class,
    description = {"Ask the runner on this machine for GET /healthz (port ASPEN_API_PORT, address ASPEN_API_BIND or 127.0.0.1);",
        "for container health checks."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the runner answered 200", "1:no answer, or another status"})
final class HealthcheckCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--port", paramLabel = "PORT", description = "The runner's API port (default: ASPEN_API_PORT, else 3005).")
  Integer port;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for the answer (default: 3).")
  int timeoutSeconds = 3;

  HealthcheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return HealthProbe.check(context.env(), Optional.ofNullable(port), timeoutSeconds, context.out(), context.err());
  }
}
