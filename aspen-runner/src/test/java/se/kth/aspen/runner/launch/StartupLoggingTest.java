package se.kth.aspen.runner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StartupLoggingTest {

  @Test
  void logbackFindsItAsItsConfigurator() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .contains(StartupLogging.class);
  }

  @Test
  void logsPlainLinesOnStderrAtInfoAndStopsLogbackLookingFurther() {
    LoggerContext context = new LoggerContext();
    StartupLogging startup = new StartupLogging();
    startup.setContext(context);

    Configurator.ExecutionStatus status = startup.configure(context);

    assertThat(status).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    Appender<?> appender = root.getAppender("stderr");
    assertThat(appender).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<?>) appender).getTarget()).isEqualTo("System.err");
    assertThat(context.getLogger("org.eclipse.jgit").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void theJarCarriesNoXmlConfigurationForLogbackToParse() {
    assertThat(StartupLogging.class.getClassLoader().getResource("logback.xml")).isNull();
  }
}
