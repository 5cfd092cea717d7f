package dev.dfs.store.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rocksdb.WriteBatch;

/**
 * A replicated log of one node for tests: applies every batch on its own replica at once (as the
 * Raft state machine would, at term 1 and the entry's number) and keeps the batch's bytes, so a
 * test can replay them on another replica.
 */
final class RecordingLog implements MetaLog {
  final MetaReplica replica;
  final List<byte[]> entries = new ArrayList<>();

  RecordingLog(MetaReplica replica) {
    this.replica = replica;
  }

  /** A replicated store at {@code dir} (small options) whose log is given to {@code made}. */
  static LocalStore openReplicated(Path dir, Consumer<RecordingLog> made) throws IOException {
    return LocalStore.openReplicated(
        dir,
        TestSupport.smallOptions(),
        r -> {
          RecordingLog l = new RecordingLog(r);
          made.accept(l);
          return l;
        });
  }

  @Override
  public void commit(WriteBatch batch) throws IOException, org.rocksdb.RocksDBException {
    byte[] data = batch.data();
    entries.add(data);
    replica.apply(data, new MetaReplica.Position(1, entries.size()));
  }

  @Override
  public void close() {}
}
