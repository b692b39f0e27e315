package se.kth.aspen.runner.launch;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logback's configuration from the JVM's start until {@link LogSetup} applies the environment's:
 * plain lines on stderr at INFO, the same as with no logging variable set. Found by logback
 * through {@code META-INF/services}, so that starting Aspen reads no XML configuration: logback's
 * XML configurator and the parser under it are several hundred classes to load and run in a cold
 * JVM, for a configuration that is replaced a moment later. A {@code logback-test.xml} on the
 * class path (tests that embed the runner) is left to logback.
 */
public final class StartupLogging extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = StartupLogging.class.getClassLoader();
    if (loader != null && loader.getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogSetup.apply(context, Map.of());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
