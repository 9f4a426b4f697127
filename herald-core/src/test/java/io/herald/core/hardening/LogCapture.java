package io.herald.core.hardening;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records what some loggers log, from {@code level} up, for as long as it is open. */
final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Logger> loggers;
  private final List<Level> previous;

  private LogCapture(Level level, String... names) {
    appender.start();
    loggers = java.util.Arrays.stream(names).map(n -> (Logger) LoggerFactory.getLogger(n)).toList();
    previous = loggers.stream().map(Logger::getLevel).toList();
    for (Logger logger : loggers) {
      logger.setLevel(level);
      logger.addAppender(appender);
    }
  }

  /** @param names logger names, such as {@code io.herald.core.engineio.EngineSession} */
  static LogCapture of(Level level, String... names) {
    return new LogCapture(level, names);
  }

  static final String ENGINE_SESSION = "io.herald.core.engineio.EngineSession";
  static final String ENGINE_SERVER = "io.herald.core.engineio.EngineServer";
  static final String CLIENT = "io.herald.core.server.Client";
  static final String SOCKET = "io.herald.core.server.DefaultSocket";

  /** Every message recorded so far, formatted. */
  List<String> messages() {
    synchronized (appender.list) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  boolean contains(String text) {
    return messages().stream().anyMatch(m -> m.contains(text));
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).detachAppender(appender);
      loggers.get(i).setLevel(previous.get(i));
    }
    appender.stop();
  }
}
