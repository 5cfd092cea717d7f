package dev.dfs.store.local;

import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds the versions index for a data directory written before versions existed: each object
 * record without a version becomes its key's null version (version key from its write time, no id:
 * it was written unversioned), in {@link Cf#OBJECTS}, {@link Cf#VERSIONS} and {@link
 * Cf#NULL_VERSIONS}. Runs once, at the first open that finds no {@link #MARKER}, in batches;
 * records already carrying a version are skipped, so an interrupted run resumes.
 */
final class VersionIndex {
  /** Set in the meta column family once every object is in the versions index. */
  private static final byte[] MARKER = "versions-index".getBytes(StandardCharsets.US_ASCII);

  private static final int BATCH = 1000;

  private VersionIndex() {}

  /** Returns how many objects were indexed (0 when the index was complete). */
  static long initialize(MetaDb db) throws IOException {
    if (db.get(Cf.META, MARKER) != null) return 0;
    long indexed = 0;
    Batch b = db.batch();
    int pending = 0;
    try (MetaDb.Scan s = db.scan(Cf.OBJECTS, null, null)) {
      s.seek(new byte[0]);
      for (; s.valid(); s.next()) {
        ObjectRecord r = RecordCodec.decodeObject(s.value());
        if (r.version() != null) continue;
        byte[] okey = s.key();
        VersionKey vk = VersionKey.legacy(r.lastModifiedMillis());
        byte[] encoded = RecordCodec.encode(r.withVersion(vk, null));
        b.put(Cf.OBJECTS, okey, encoded);
        b.put(Cf.VERSIONS, KeyCodec.concat(okey, new byte[] {0}, vk.bytes()), encoded);
        b.put(Cf.NULL_VERSIONS, okey, vk.bytes());
        indexed++;
        if (++pending == BATCH) {
          db.commit(b);
          b = db.batch();
          pending = 0;
        }
      }
    }
    db.commit(b.put(Cf.META, MARKER, new byte[] {1}));
    return indexed;
  }
}
