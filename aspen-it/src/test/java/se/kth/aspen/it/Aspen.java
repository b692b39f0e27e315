package se.kth.aspen.it;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import se.kth.aspen.core.pass.Pass;
import se.kth.aspen.core.pass.PassMode;
import se.kth.aspen.core.pass.PassReport;
import se.kth.aspen.core.pass.Ports;
import se.kth.aspen.core.port.PortException;
import se.kth.aspen.core.port.TargetKey;
import se.kth.aspen.core.port.TargetState;
import se.kth.aspen.runner.Adapters;
import se.kth.aspen.runner.config.Configuration;
import se.kth.aspen.runner.config.ConfigurationException;
import se.kth.aspen.runner.config.ConfigurationReader;

/**
 * One runner as production composes it: the configuration read from an environment map, the
 * adapters the runner's own composition picks for it, and the pass over them, on a given clock.
 */
final class Aspen implements AutoCloseable {

  private final Configuration configuration;
  private final Adapters adapters;
  private final Pass pass;

  private Aspen(Configuration configuration, Adapters adapters, Clock clock, UnaryOperator<Ports> observed) {
    this.configuration = configuration;
    this.adapters = adapters;
    this.pass = new Pass(observed.apply(adapters.ports()), configuration.passSettings(), clock);
  }

  static Aspen compose(Map<String, String> env, Path workingDirectory, Clock clock) {
    return compose(env, workingDirectory, clock, UnaryOperator.identity());
  }

  /** The runner's composition with some of its ports watched by the test ({@code observed}). */
  static Aspen compose(Map<String, String> env, Path workingDirectory, Clock clock, UnaryOperator<Ports> observed) {
    try {
      Configuration configuration = ConfigurationReader.read(env, workingDirectory, ConfigurationReader.Purpose.PASSES);
      return new Aspen(configuration, Adapters.open(configuration, clock), clock, observed);
    } catch (ConfigurationException e) {
      throw new IllegalStateException("the test's configuration is refused: " + e.getMessage(), e);
    }
  }

  PassReport deployPass() {
    return pass.run(PassMode.DEPLOY, result -> { });
  }

  PassReport plan() {
    return pass.run(PassMode.PLAN, result -> { });
  }

  Pass pass() {
    return pass;
  }

  Configuration configuration() {
    return configuration;
  }

  Adapters adapters() {
    return adapters;
  }

  TargetState state(String cluster, String stackPath) throws PortException {
    return adapters.ports().state().read(new TargetKey(configuration.managementGroup(), cluster, stackPath));
  }

  @Override
  public void close() {
    adapters.close();
  }
}
