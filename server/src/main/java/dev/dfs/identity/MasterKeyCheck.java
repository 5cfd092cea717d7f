package dev.dfs.identity;

import dev.dfs.crypto.MasterKey;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure every node sharing a replicated identity table has the same master key: a {@link
 * SystemTable} decorator that adds, to the first write that finds it missing, a check record (a
 * fixed text sealed with the writer's master key) and refuses to open on a node whose key does not
 * open it. A node that started before the record existed and learns it later through replication
 * logs the mismatch as an error (its copies of the secrets do not open either, so those keys do not
 * authenticate there). The record is an ordinary sealed value: it reveals nothing of the key.
 * Thread-safe.
 */
final class MasterKeyCheck implements SystemTable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterKeyCheck.class);

  /**
   * The check record's key: outside the user, key and API key prefixes of {@link IdentityCodec}.
   */
  static final String KEY = "master-key-check";

  private static final byte[] TEXT = "dfs master key check v1".getBytes(StandardCharsets.US_ASCII);

  private final SystemTable table;
  private final MasterKey masterKey;
  private final Subscription subscription;
  private volatile boolean recorded;

  private MasterKeyCheck(SystemTable table, MasterKey masterKey) {
    this.table = table;
    this.masterKey = masterKey;
    this.subscription =
        table.listen(
            new Listener() {
              @Override
              public void applied(List<Entry> changes) {
                for (Entry e : changes)
                  if (e.key().equals(KEY) && !e.deleted()) learned(e.requireValue());
              }

              @Override
              public void replaced() {
                try {
                  table.get(KEY).ifPresent(MasterKeyCheck.this::learned);
                } catch (IOException e) {
                  log.error(
                      "cannot read the master key check after the metadata was replaced: {}",
                      e.getMessage());
                }
              }
            });
  }

  /**
   * Checks this node's {@code masterKey} against {@code table}'s check record, if there is one
   * (listening first, so a record applied meanwhile is checked too).
   *
   * @throws MasterKeyMismatchException when the record was sealed under another master key
   */
  static MasterKeyCheck verify(SystemTable table, MasterKey masterKey) throws IOException {
    MasterKeyCheck check = new MasterKeyCheck(table, masterKey);
    try {
      Optional<byte[]> record = table.get(KEY);
      if (record.isPresent()) {
        String why = mismatch(record.get(), masterKey);
        if (why != null) throw new MasterKeyMismatchException(message(masterKey, why));
        check.recorded = true;
      }
      return check;
    } catch (IOException | RuntimeException e) {
      check.close();
      throw e;
    }
  }

  /** Why {@code record} does not prove {@code key} is the cluster's, or null when it does. */
  private static @Nullable String mismatch(byte[] record, MasterKey key) {
    try {
      return java.util.Arrays.equals(key.open(record, KEY), TEXT)
          ? null
          : "the check record holds another text";
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static String message(MasterKey key, String why) {
    return "this node's master key ("
        + key
        + ") is not the one the cluster's users and keys are"
        + " sealed under: the cluster's master key check does not open here ("
        + why
        + ")."
        + " Every node of a cluster needs the same master key: give each the same DFS_MASTER_KEY"
        + " (or the same master.key file in its data directory) and start it again.";
  }

  private void learned(byte[] record) {
    recorded = true;
    String why = mismatch(record, masterKey);
    if (why != null) log.error(message(masterKey, why));
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    return table.get(key);
  }

  @Override
  public List<Entry> scan(String prefix) throws IOException {
    return table.scan(prefix);
  }

  /** {@link SystemTable#write}, adding the check record while the table has none. */
  @Override
  public <T> T write(Writer<T> work) throws IOException {
    return table.write(
        changes -> {
          T result = work.write(changes);
          if (!changes.isEmpty() && !recorded) {
            if (table.get(KEY).isEmpty()) changes.put(KEY, masterKey.seal(TEXT, KEY));
            else recorded = true;
          }
          return result;
        });
  }

  @Override
  public Subscription listen(Listener listener) {
    return table.listen(listener);
  }

  @Override
  public void close() {
    subscription.close();
  }
}
