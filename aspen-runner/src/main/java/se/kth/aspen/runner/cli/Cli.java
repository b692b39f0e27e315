package se.kth.aspen.runner.cli;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import se.kth.aspen.runner.config.ConfigurationException;

/** Builds the command line and runs it, returning the exit code (never calling System.exit). */
public final class Cli {

  private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version");

  private Cli() {}

  public static int execute(CliContext context, String... args) {
    CommandLine commandLine = commandLine(context);
    return commandLine.execute(withDefaultCommand(args));
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(new AspenCommand(), new ContextFactory(context));
    commandLine.addSubcommand("run", new RunCommand(context));
    commandLine.addSubcommand("plan", new PlanCommand(context));
    commandLine.addSubcommand("adopt", new AdoptCommand(context));
    commandLine.addSubcommand("drift", new DriftCommand(context));
    commandLine.addSubcommand("validate", new ValidateCommand(context));
    commandLine.addSubcommand("healthcheck", new HealthcheckCommand(context));
    commandLine.addSubcommand("vault", new CommandLine(VaultCommand.class, new ContextFactory(context)));
    commandLine.getCommandSpec().usageMessage().footer(AspenCommand.footer());
    commandLine.setUsageHelpWidth(120);
    commandLine.setOut(new java.io.PrintWriter(context.out(), true));
    commandLine.setErr(new java.io.PrintWriter(context.err(), true));
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigurationException bad) {
        cmd.getErr().println("aspen: " + bad.getMessage());
        return ExitCodes.USAGE;
      }
      cmd.getErr().println("aspen: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      org.slf4j.LoggerFactory.getLogger(Cli.class).debug("command failed", e);
      return ExitCodes.FAILED;
    });
    return commandLine;
  }

  /** No command, or options only: {@code run}, as the old tool started its loop by default. */
  static String[] withDefaultCommand(String[] args) {
    if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL.contains(args[0]))) {
      String[] withRun = new String[args.length + 1];
      withRun[0] = "run";
      System.arraycopy(args, 0, withRun, 1, args.length);
      return withRun;
    }
    return args;
  }

  /** Gives commands that take a {@link CliContext} their context. */
  private record ContextFactory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (List.of(constructor.getParameterTypes()).equals(List.of(CliContext.class))) {
          constructor.setAccessible(true);
          return type.cast(constructor.newInstance(context));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
