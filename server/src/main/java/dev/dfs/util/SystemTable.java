package dev.dfs.util;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A small durable table of system records (UTF-8 string keys, byte values) that a store keeps for a
 * layer above it, such as the identity store's users and keys. Two kinds exist: the local engine's
 * system tables inside its metadata database ({@code LocalStore.systemTable}, replicated with the
 * metadata when the engine is clustered), and the identity store's own database. The contract lives
 * here, in the bottom layer, so neither side imports the other.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #get} and {@link #scan} read this node's copy: every change applied here so far.
 *   <li>{@link #write} runs its work holding the table's write exclusion (one writer at a time, and
 *       in a replicated store the exclusion the log's leader admission waits for), so the work may
 *       read state, decide, and add changes that are then committed atomically and durably.
 *       Listeners have heard of the changes before it returns. If the work throws or adds nothing,
 *       nothing is committed. A replicated store may refuse the commit (a node that is not the
 *       leader fails it with the store's UNAVAILABLE error).
 *   <li>{@link #listen}: a listener hears every change applied to this table on this node, whoever
 *       wrote it (a writer here, or a replicated log applying another node's write), one batch at a
 *       time in apply order; and {@link Listener#replaced} when the whole table was replaced (a
 *       replica installing a checkpoint). Listeners must be quick and must not call {@link #write};
 *       an exception they throw is logged, not propagated.
 * </ul>
 *
 * Implementations are thread-safe.
 */
public interface SystemTable {

  /** The value of {@code key}, if present. */
  Optional<byte[]> get(String key) throws IOException;

  /** Every record whose key starts with {@code prefix} ("" for all), in key order. */
  List<Entry> scan(String prefix) throws IOException;

  /**
   * Runs {@code work} under the write exclusion and commits the changes it added.
   *
   * @return what {@code work} returned
   */
  <T> T write(Writer<T> work) throws IOException;

  /** Registers {@code listener} until the returned subscription is closed. */
  Subscription listen(Listener listener);

  /** A record, or in a change a deleted key ({@code value} null). */
  record Entry(String key, byte @Nullable [] value) {
    /** Whether this change deletes its key. */
    public boolean deleted() {
      return value == null;
    }

    /**
     * The value of a record that is not a deletion.
     *
     * @throws IllegalStateException for a deletion
     */
    public byte[] requireValue() {
      if (value == null) throw new IllegalStateException(key + ": a deletion has no value");
      return value;
    }
  }

  /** The work of one {@link #write}: reads what it needs and adds its changes. */
  @FunctionalInterface
  interface Writer<T> {
    T write(Changes changes) throws IOException;
  }

  /** Hears the changes applied to a table on this node. */
  interface Listener {
    /** These changes were applied, atomically, after every change heard before. */
    void applied(List<Entry> changes);

    /** The whole table was replaced: read it again. */
    void replaced();
  }

  /** A registration; closing it stops the notifications. Idempotent. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * The changes one {@link #write} collects, in order (a later change to a key wins). Not
   * thread-safe.
   */
  final class Changes {
    private final List<Entry> entries = new ArrayList<>();

    public Changes put(String key, byte[] value) {
      if (value == null) throw new IllegalArgumentException("a put needs a value");
      entries.add(new Entry(key, value));
      return this;
    }

    public Changes delete(String key) {
      entries.add(new Entry(key, null));
      return this;
    }

    public boolean isEmpty() {
      return entries.isEmpty();
    }

    /** The changes so far, in the order they were added. */
    public List<Entry> entries() {
      return Collections.unmodifiableList(entries);
    }
  }
}
