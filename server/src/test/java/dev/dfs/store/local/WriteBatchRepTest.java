package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

class WriteBatchRepTest {
  static {
    RocksDB.loadLibrary();
  }

  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The concatenation of three batches (puts, deletes, a range delete, two column families, keys
   * written by several parts) leaves a database in the same state as the three written one by one.
   */
  @Test
  void aConcatenatedBatchAppliesLikeItsPartsOneByOne() throws Exception {
    List<byte[]> parts = new ArrayList<>();
    String oneByOne;
    String together;
    try (DbWithFamily a = new DbWithFamily(dir.resolve("parts"));
        DbWithFamily c = new DbWithFamily(dir.resolve("concatenated"))) {
      try (WriteBatch first = new WriteBatch();
          WriteBatch second = new WriteBatch();
          WriteBatch third = new WriteBatch()) {
        first.put(b("a"), b("1"));
        first.put(a.other, b("x"), b("1"));
        first.put(b("k1"), b("1"));
        first.put(b("k2"), b("1"));
        second.delete(b("a"));
        second.put(a.other, b("x"), b("2"));
        second.deleteRange(b("k1"), b("k3"));
        third.put(b("a"), b("3"));
        third.put(b("b"), b("3"));
        third.delete(a.other, b("x"));
        third.put(a.other, b("y"), b("3"));
        for (WriteBatch w : List.of(first, second, third)) {
          parts.add(w.data());
          a.db.write(a.options, w);
        }
      }
      byte[] all = WriteBatchRep.concat(parts);
      assertThat(WriteBatchRep.count(all)).isEqualTo(11);
      try (WriteBatch w = new WriteBatch(all)) {
        assertThat(w.count()).isEqualTo(11);
        c.db.write(c.options, w);
      }
      oneByOne = a.dump();
      together = c.dump();
    }
    assertThat(together).isEqualTo(oneByOne).contains("a=3", "b=3", "y=3").doesNotContain("k1");
  }

  @Test
  void onePartIsReturnedAsItIsAndNoPartIsRefused() throws Exception {
    try (WriteBatch w = new WriteBatch()) {
      w.put(b("a"), b("1"));
      byte[] rep = w.data();
      assertThat(WriteBatchRep.concat(List.of(rep))).isSameAs(rep);
    }
    assertThatThrownBy(() -> WriteBatchRep.concat(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WriteBatchRep.concat(List.of(new byte[12], new byte[5])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The Java walk sees the same keys, in the same order and column families, as RocksDB's own
   * iteration, for every record kind a {@link WriteBatch} writes (log data and keys or values long
   * enough for multi-byte lengths included), on the family ids of a real database.
   */
  @Test
  void theJavaWalkSeesWhatRocksDbIterationSees() throws Exception {
    byte[] longKey = b("k".repeat(300));
    byte[] bigValue = new byte[70_000];
    try (DbWithFamily d = new DbWithFamily(dir.resolve("walk"));
        WriteBatch w = new WriteBatch();
        KeysSeen rocks = new KeysSeen()) {
      w.put(b("a"), b("1"));
      w.put(d.other, longKey, bigValue);
      w.delete(b("b"));
      w.delete(d.other, b("c"));
      w.singleDelete(b("d"));
      w.singleDelete(d.other, b("e"));
      w.merge(b("f"), b("2"));
      w.merge(d.other, b("g"), b("3"));
      w.putLogData(b("not a key"));
      w.deleteRange(b("h"), b("i"));
      w.deleteRange(d.other, b("j"), b("k"));
      w.put(b(""), b(""));
      byte[] rep = w.data();
      w.iterate(rocks);
      List<String> walked = new ArrayList<>();
      assertThat(
              WriteBatchRep.forEachKey(
                  rep,
                  (cf, r, offset, length) ->
                      walked.add(cf + ":" + new String(r, offset, length, StandardCharsets.UTF_8))))
          .isTrue();
      int o = d.other.getID();
      assertThat(walked)
          .isEqualTo(rocks.seen)
          .hasSize(11)
          .startsWith("0:a", o + ":" + "k".repeat(300), "0:b", o + ":c")
          .endsWith("0:h", o + ":j", "0:");
    }
  }

  @Test
  void anUnknownRecordKindOrATruncatedBatchStopsTheWalk() throws Exception {
    try (WriteBatch w = new WriteBatch()) {
      w.put(b("a"), b("1"));
      w.put(b("b"), b("2"));
      byte[] rep = w.data();
      List<String> walked = new ArrayList<>();
      WriteBatchRep.KeyVisitor add =
          (cf, r, offset, length) ->
              walked.add(new String(r, offset, length, StandardCharsets.UTF_8));
      byte[] unknown = rep.clone();
      unknown[WriteBatchRep.HEADER + 5] = 0x0A; // the second record's tag: an end-of-prepare marker
      assertThat(WriteBatchRep.forEachKey(unknown, add)).isFalse();
      assertThat(walked).containsExactly("a");
      walked.clear();
      assertThat(WriteBatchRep.forEachKey(Arrays.copyOf(rep, rep.length - 1), add)).isFalse();
      assertThat(WriteBatchRep.forEachKey(new byte[5], add)).isFalse();
      byte[] hugeLength = rep.clone();
      hugeLength[WriteBatchRep.HEADER + 1] = (byte) 0xFF; // a key length running past the end
      assertThat(WriteBatchRep.forEachKey(hugeLength, add)).isFalse();
    }
  }

  /** The keys RocksDB's iteration reports, as "cf:key", in order. */
  private static final class KeysSeen extends KeyWriteHandler {
    final List<String> seen = new ArrayList<>();

    private void add(int cf, byte[] key) {
      seen.add(cf + ":" + new String(key, StandardCharsets.UTF_8));
    }

    @Override
    public void put(int cf, byte[] key, byte[] value) {
      add(cf, key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
      add(DEFAULT_CF, key);
    }

    @Override
    public void merge(int cf, byte[] key, byte[] value) {
      add(cf, key);
    }

    @Override
    public void merge(byte[] key, byte[] value) {
      add(DEFAULT_CF, key);
    }

    @Override
    public void delete(int cf, byte[] key) {
      add(cf, key);
    }

    @Override
    public void delete(byte[] key) {
      add(DEFAULT_CF, key);
    }

    @Override
    public void singleDelete(int cf, byte[] key) {
      add(cf, key);
    }

    @Override
    public void singleDelete(byte[] key) {
      add(DEFAULT_CF, key);
    }

    @Override
    public void deleteRange(int cf, byte[] beginKey, byte[] endKey) {
      add(cf, beginKey);
    }

    @Override
    public void deleteRange(byte[] beginKey, byte[] endKey) {
      add(DEFAULT_CF, beginKey);
    }

    @Override
    public void putBlobIndex(int cf, byte[] key, byte[] value) {
      add(cf, key);
    }
  }

  /** A database with the default column family and one more. */
  private static final class DbWithFamily implements AutoCloseable {
    final DBOptions dbOptions = new DBOptions().setCreateIfMissing(true);
    final WriteOptions options = new WriteOptions();
    final List<ColumnFamilyHandle> handles = new ArrayList<>();
    final RocksDB db;
    final ColumnFamilyHandle other;

    DbWithFamily(Path path) throws Exception {
      dbOptions.setCreateMissingColumnFamilies(true);
      db =
          RocksDB.open(
              dbOptions,
              path.toString(),
              List.of(
                  new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                  new ColumnFamilyDescriptor(b("other"))),
              handles);
      other = handles.get(1);
    }

    String dump() {
      StringBuilder out = new StringBuilder();
      for (ColumnFamilyHandle h : handles) {
        try (RocksIterator it = db.newIterator(h)) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            out.append(h.getID())
                .append(':')
                .append(new String(it.key(), StandardCharsets.UTF_8))
                .append('=')
                .append(new String(it.value(), StandardCharsets.UTF_8))
                .append('\n');
          }
        }
      }
      return out.toString();
    }

    @Override
    public void close() {
      for (ColumnFamilyHandle h : handles) h.close();
      db.close();
      options.close();
      dbOptions.close();
    }
  }
}
