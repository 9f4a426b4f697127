package io.herald.server.session.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything Herald logs (at DEBUG and up) while open, with stack traces, for asserting what logs never contain. */
public final class CapturedLogs implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root;
  private final Logger herald;
  private final Level heraldLevel;

  private CapturedLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    herald = context.getLogger("io.herald");
    heraldLevel = herald.getLevel();
    appender.setContext(context);
    appender.start();
    herald.setLevel(Level.DEBUG);
    root.addAppender(appender);
  }

  public static CapturedLogs start() {
    return new CapturedLogs();
  }

  /** Every captured line: the formatted message, then the exception chain's messages. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : List.copyOf(appender.list)) {
      lines.add(event.getLoggerName() + " " + event.getFormattedMessage());
      for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
        lines.add(error.getClassName() + ": " + error.getMessage());
      }
    }
    return lines;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    herald.setLevel(heraldLevel);
    appender.stop();
  }
}
