package se.kth.aspen.runner.cli;

import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationException;
import se.kth.aspen.runner.config.ConfigurationReader;
import se.kth.aspen.runner.config.StartNotices;

/**
 * Reads the configuration for a command and reports a bad one as every problem at once; for the
 * commands that run passes, logs the {@link StartNotices} once.
 */
final class Configurations {

  /** What a command does once its configuration is read. */
  interface Use<E extends Exception> {
    int with(Configuration configuration) throws E;
  }

  private static final Logger log = LoggerFactory.getLogger(Configurations.class);

  private Configurations() {}

  /**
   * Every command's opening: reads the configuration from the environment with the command's
   * options on top, then runs the command with it. A bad configuration is reported and exits
   * {@link ExitCodes#USAGE} without running it.
   */
  static <E extends Exception> int use(CliContext context, ConfigOptions options, ConfigurationReader.Purpose purpose,
      Use<E> command) throws E {
    Optional<Configuration> configuration = read(context, options.applyTo(context.env()), purpose);
    return configuration.isEmpty() ? ExitCodes.USAGE : command.with(configuration.get());
  }

  /** The configuration; empty once a bad one's problems were printed. */
  private static Optional<Configuration> read(CliContext context, Map<String, String> env,
      ConfigurationReader.Purpose purpose) {
    try {
      Configuration configuration = ConfigurationReader.read(env, context.workingDirectory(), purpose);
      if (purpose == ConfigurationReader.Purpose.PASSES) {
        for (StartNotices.Notice notice : StartNotices.of(env, configuration)) {
          if (notice.warning()) {
            log.warn(notice.text());
          } else {
            log.info(notice.text());
          }
        }
      }
      return Optional.of(configuration);
    } catch (ConfigurationException e) {
      context.err().println("aspen: " + e.getMessage());
      context.err().println("(see aspen --help for every environment name and its default)");
      context.err().flush();
      return Optional.empty();
    }
  }
}
