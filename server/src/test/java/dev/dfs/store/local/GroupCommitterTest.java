package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

class GroupCommitterTest {
  @TempDir Path dir;

  static {
    RocksDB.loadLibrary();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void mergedBatchAppliesEveryRecordInOrder() throws Exception {
    try (Options o = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(o, dir.toString());
        WriteOptions sync = new WriteOptions().setSync(true);
        WriteBatch first = new WriteBatch();
        WriteBatch second = new WriteBatch();
        WriteBatch third = new WriteBatch()) {
      first.put(b("a"), b("1"));
      first.put(b("b"), b("1"));
      second.delete(b("a"));
      second.put(b("c"), b("2"));
      third.put(b("a"), b("3"));
      third.put(b("b"), b("3"));
      third.delete(b("c"));
      try (WriteBatch merged = GroupCommitter.merge(List.of(first, second, third))) {
        assertThat(merged.count()).isEqualTo(7);
        db.write(sync, merged);
      }
      assertThat(db.get(b("a"))).isEqualTo(b("3"));
      assertThat(db.get(b("b"))).isEqualTo(b("3"));
      assertThat(db.get(b("c"))).isNull();
    }
  }

  @Test
  void concurrentCommitsAllLandAndLaterCommitsOfAThreadWin() throws Exception {
    int threads = 24;
    int perThread = 200;
    try (Options o = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(o, dir.toString());
        WriteOptions sync = new WriteOptions().setSync(true);
        GroupCommitter committer = new GroupCommitter(db, sync);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    try (WriteBatch wb = new WriteBatch()) {
                      wb.put(b("t" + thread + "-" + i), b("v" + i));
                      wb.put(b("last-" + thread), b(Integer.toString(i)));
                      committer.commit(wb);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) f.get();
      for (int t = 0; t < threads; t++) {
        assertThat(db.get(b("last-" + t))).isEqualTo(b(Integer.toString(perThread - 1)));
        for (int i = 0; i < perThread; i++)
          assertThat(db.get(b("t" + t + "-" + i))).isEqualTo(b("v" + i));
      }
    }
  }

  @Test
  void batchLargerThanAGroupIsWrittenAlone() throws Exception {
    byte[] big = new byte[(int) GroupCommitter.MAX_GROUP_BYTES + 1];
    try (Options o = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(o, dir.toString());
        WriteOptions sync = new WriteOptions().setSync(true);
        GroupCommitter committer = new GroupCommitter(db, sync);
        WriteBatch wb = new WriteBatch()) {
      wb.put(b("big"), big);
      committer.commit(wb);
      assertThat(db.get(b("big"))).hasSize(big.length);
    }
  }
}
