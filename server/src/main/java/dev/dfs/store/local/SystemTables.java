package dev.dfs.store.local;

import dev.dfs.util.SystemTable.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A store's {@link LocalSystemTable}s by name, and the routing of replicated changes to them:
 * {@link MetaReplica} hands every applied batch here, and the changes to META keys under {@code
 * sys/} reach their table's listeners. Thread-safe.
 */
final class SystemTables {
  /** Where system tables live in META; no other META key starts with it. */
  static final byte[] ROOT = "sys/".getBytes(StandardCharsets.US_ASCII);

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

  private final MetaDb db;
  private final KeyLocks locks;
  private final Map<String, LocalSystemTable> tables = new ConcurrentHashMap<>();

  SystemTables(MetaDb db, KeyLocks locks) {
    this.db = db;
    this.locks = locks;
  }

  /** The META key prefix of table {@code name}: {@code sys/<name>/}. */
  static byte[] prefix(String name) {
    return ("sys/" + name + "/").getBytes(StandardCharsets.US_ASCII);
  }

  /** The table {@code name} (lower-case letters, digits, dashes), the same instance every time. */
  LocalSystemTable table(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a system table name is lower-case letters, digits and dashes: " + name);
    }
    return tables.computeIfAbsent(name, n -> new LocalSystemTable(n, db, locks));
  }

  /**
   * Tells each table's listeners of its changes in {@code batch} (a serialized WriteBatch, already
   * applied), in batch order. {@code metaCf} is the id of the META column family.
   */
  void applied(byte[] batch, int metaCf) throws RocksDBException {
    if (tables.isEmpty() || !mayWrite(batch, metaCf)) return; // the usual batch: no system record
    Map<String, List<Entry>> byTable = new LinkedHashMap<>();
    try (WriteBatch wb = new WriteBatch(batch);
        MetaChanges changes = new MetaChanges(metaCf, ROOT)) {
      wb.iterate(changes);
      for (MetaChanges.Change c : changes.found()) route(c.key(), c.value(), byTable);
    }
    byTable.forEach(
        (name, list) -> {
          LocalSystemTable t = tables.get(name);
          if (t != null) t.applied(list);
        });
  }

  /** Splits {@code sys/<table>/<key>} and adds the change to its table's list. */
  private static void route(byte[] key, byte @Nullable [] value, Map<String, List<Entry>> byTable) {
    String k = new String(key, ROOT.length, key.length - ROOT.length, StandardCharsets.UTF_8);
    int slash = k.indexOf('/');
    if (slash < 0) return;
    byTable
        .computeIfAbsent(k.substring(0, slash), n -> new ArrayList<>())
        .add(new Entry(k.substring(slash + 1), value));
  }

  /** Every table was replaced with the whole metadata (a checkpoint was installed). */
  void replaced() {
    for (LocalSystemTable t : tables.values()) t.replaced();
  }

  /**
   * Whether {@code batch} may write a key under {@link #ROOT} in META: false only if it certainly
   * writes none. Walks the records' keys in Java (an entry of inline objects is mostly values,
   * which this skips); for a record kind the walk does not know, falls back to searching the whole
   * representation for the prefix.
   */
  private static boolean mayWrite(byte[] batch, int metaCf) {
    boolean[] found = {false};
    boolean walked =
        WriteBatchRep.forEachKey(
            batch,
            (cf, rep, offset, length) ->
                found[0] |=
                    cf == metaCf
                        && length >= ROOT.length
                        && Arrays.equals(rep, offset, offset + ROOT.length, ROOT, 0, ROOT.length));
    return walked ? found[0] : contains(batch, ROOT);
  }

  /** Whether {@code needle} occurs in {@code haystack}: a key in a batch is stored verbatim. */
  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
