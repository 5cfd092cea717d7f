package dev.dfs.util;

import dev.dfs.util.SystemTable.Entry;
import dev.dfs.util.SystemTable.Listener;
import dev.dfs.util.SystemTable.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one {@link SystemTable}, told in registration order; a listener that throws is
 * logged and the others are still told (the table's contract). Thread-safe.
 */
public final class SystemTableListeners {
  private static final Logger log = LoggerFactory.getLogger(SystemTableListeners.class);

  private final String table;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param table the table's name, for the log
   */
  public SystemTableListeners(String table) {
    this.table = table;
  }

  public Subscription add(Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Tells every listener that {@code changes} were applied. */
  public void applied(List<Entry> changes) {
    for (Listener l : listeners) {
      try {
        l.applied(changes);
      } catch (RuntimeException e) {
        log.error("a listener of system table {} failed on applied changes", table, e);
      }
    }
  }

  /** Tells every listener that the whole table was replaced. */
  public void replaced() {
    for (Listener l : listeners) {
      try {
        l.replaced();
      } catch (RuntimeException e) {
        log.error("a listener of system table {} failed on a replaced table", table, e);
      }
    }
  }
}
