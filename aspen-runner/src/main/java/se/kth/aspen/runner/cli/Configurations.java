package se.kth.aspen.runner.cli;

import java.util.Map;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationException;
import se.kth.aspen.runner.config.ConfigurationReader;
import se.kth.aspen.runner.config.StartNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the configuration for a command and reports a bad one as every problem at once; for the
 * commands that run passes, logs the {@link StartNotices} once.
 */
final class Configurations {

  /** Thrown after the problems were printed; the command exits 2. */
  static final class Reported extends Exception {
    Reported() {
      super(null, null, false, false);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Configurations.class);

  private Configurations() {}

  static Configuration read(CliContext context, Map<String, String> env, ConfigurationReader.Purpose purpose)
      throws Reported {
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
      return configuration;
    } catch (ConfigurationException e) {
      context.err().println("aspen: " + e.getMessage());
      context.err().println("(see aspen --help for every environment name and its default)");
      context.err().flush();
      throw new Reported();
    }
  }
}
