package se.kth.aspen.runner.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aspen validate PATH...}: the offline check of stack files or app directories. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = BuildInfoVersion.class,
    description = {"Check stack files or application directories offline: parse, interpolate, policies.",
        "No network, no secrets."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every stack is valid", "1:a stack is invalid", "2:usage"})
final class ValidateCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "docker-stack.yml files, or directories searched for them.")
  List<Path> paths;

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.err().println("aspen validate: the offline stack check (core-compose) is not in this build yet");
    return ExitCodes.FAILED;
  }
}
