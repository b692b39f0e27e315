package se.kth.aspen.runner.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Sets up logback in code: every log line to stderr (stdout is for results, such as the JSON of
 * {@code plan --json}), plain lines or, with {@code LOG_FORMAT=json}, one JSON object per line, at
 * the level {@code LOG_LEVEL} or {@code DEBUG} asks for.
 */
final class LogSetup {

  private LogSetup() {}

  static void configure(Map<String, String> env) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      apply(context, env);
    }
  }

  /** Replaces the context's configuration with the one the environment asks for. */
  static void apply(LoggerContext context, Map<String, String> env) {
    boolean json = "json".equals(env.getOrDefault("LOG_FORMAT", "").strip().toLowerCase(Locale.ROOT));
    context.reset();
    Encoder<ILoggingEvent> encoder;
    if (json) {
      JsonEncoder jsonEncoder = new JsonEncoder();
      jsonEncoder.setWithSequenceNumber(false);
      jsonEncoder.setWithNanoseconds(false);
      jsonEncoder.setWithContext(false);
      jsonEncoder.setWithArguments(false);
      jsonEncoder.setWithFormattedMessage(true);
      jsonEncoder.setWithMessage(false);
      encoder = jsonEncoder;
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{0}: %msg%n");
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("stderr");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Optional<Level> chosen = level(env);
    Level level = chosen.orElse(Level.INFO);
    root.setLevel(level);
    root.addAppender(console);
    // Libraries that narrate every request at INFO or DEBUG; at TRACE they say it all.
    for (String chatty : new String[] {"org.eclipse.jgit", "com.github.dockerjava", "org.apache.hc", "org.apache.sshd", "redis.clients", "org.eclipse.jetty"}) {
      context.getLogger(chatty).setLevel(level == Level.TRACE ? Level.TRACE : Level.WARN);
    }
    if (chosen.isEmpty()) {
      LoggerFactory.getLogger(LogSetup.class).warn("LOG_LEVEL \"{}\" is not trace, debug, info, warn or error; logging at info",
          env.get("LOG_LEVEL").strip());
    }
  }

  /**
   * The root level: {@code LOG_LEVEL} when set; else debug when {@code DEBUG} is in the
   * environment with any value, even empty (the old tool's only switch); else info. Empty when
   * {@code LOG_LEVEL} names no level.
   */
  static Optional<Level> level(Map<String, String> env) {
    String named = env.getOrDefault("LOG_LEVEL", "").strip();
    if (!named.isEmpty()) {
      return switch (named.toLowerCase(Locale.ROOT)) {
        case "trace" -> Optional.of(Level.TRACE);
        case "debug" -> Optional.of(Level.DEBUG);
        case "info" -> Optional.of(Level.INFO);
        case "warn", "warning" -> Optional.of(Level.WARN);
        case "error" -> Optional.of(Level.ERROR);
        default -> Optional.empty();
      };
    }
    return Optional.of(env.containsKey("DEBUG") ? Level.DEBUG : Level.INFO);
  }

  /** Writes out what is buffered and stops logging; for the very end of the process. */
  static void stop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
