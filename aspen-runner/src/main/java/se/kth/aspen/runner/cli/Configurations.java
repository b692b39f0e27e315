package se.kth.aspen.runner.cli;

import java.util.Map;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationException;
import se.kth.aspen.runner.config.ConfigurationReader;

/** Reads the configuration for a command and reports a bad one as every problem at once. */
final class Configurations {

  /** Thrown after the problems were printed; the command exits 2. */
  static final class Reported extends Exception {
    Reported() {
      super(null, null, false, false);
    }
  }

  private Configurations() {}

  static Configuration read(CliContext context, Map<String, String> env, ConfigurationReader.Purpose purpose)
      throws Reported {
    try {
      return ConfigurationReader.read(env, context.workingDirectory(), purpose);
    } catch (ConfigurationException e) {
      context.err().println("aspen: " + e.getMessage());
      context.err().println("(see aspen --help for every environment name and its default)");
      context.err().flush();
      throw new Reported();
    }
  }
}
