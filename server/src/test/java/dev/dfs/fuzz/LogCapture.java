package dev.dfs.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Records every ERROR event logged anywhere in the JVM (the root Logback logger) while attached,
 * and counts WARN events. Thread-safe.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> errors = new ArrayList<>();
  private final AtomicLong warnings = new AtomicLong();
  private final List<String> firstWarnings = new ArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  static LogCapture attach() {
    LogCapture c = new LogCapture();
    c.setName("fuzz-capture");
    c.setContext(c.root.getLoggerContext());
    c.start();
    c.root.addAppender(c);
    return c;
  }

  @Override
  protected void append(ILoggingEvent e) {
    if (e.getLevel().isGreaterOrEqual(Level.ERROR)) {
      IThrowableProxy t = e.getThrowableProxy();
      synchronized (errors) {
        errors.add(
            e.getLoggerName()
                + ": "
                + e.getFormattedMessage()
                + (t == null ? "" : " [" + t.getClassName() + ": " + t.getMessage() + "]"));
      }
    } else if (e.getLevel() == Level.WARN) {
      if (warnings.incrementAndGet() <= 5) {
        synchronized (errors) {
          firstWarnings.add(e.getLoggerName() + ": " + e.getFormattedMessage());
        }
      }
    }
  }

  List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** The first few WARN messages, to show what kind they were. */
  List<String> firstWarnings() {
    synchronized (errors) {
      return List.copyOf(firstWarnings);
    }
  }

  long warnings() {
    return warnings.get();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
