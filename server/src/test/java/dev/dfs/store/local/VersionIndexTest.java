package dev.dfs.store.local;

import static dev.dfs.store.local.TestSupport.bytes;
import static dev.dfs.store.local.TestSupport.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectVersion;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreUsage.BucketUsage;
import dev.dfs.store.VersioningState;
import dev.dfs.store.VersionsQuery;
import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine's version index invariants under random puts, deletes, version deletes and
 * versioning state changes: the objects index is exactly the newest non-marker versions, the usage
 * counters equal the stored versions, every chunk is referenced by exactly one stored version and
 * chunk files are freed exactly when their version goes.
 */
class VersionIndexTest {
  @TempDir Path dir;

  @Test
  void randomHistoriesKeepTheIndexesConsistent() throws Exception {
    try (LocalStore store = LocalStore.open(dir, TestSupport.smallOptions())) {
      store.createBucket("b", "us-east-1");
      Random rnd = new Random(42);
      List<String> keys = List.of("a", "a/b", "b", "c");
      for (int step = 0; step < 400; step++) {
        String key = keys.get(rnd.nextInt(keys.size()));
        int op = rnd.nextInt(10);
        if (op < 4) {
          put(store, "b", key, bytes(rnd.nextBoolean() ? 10 : 3000, step));
        } else if (op < 6) {
          store.delete(new ObjectRef("b", key, null), null);
        } else if (op < 8) {
          List<ObjectVersion> versions =
              store
                  .versioning()
                  .orElseThrow()
                  .listVersions("b", new VersionsQuery(key, null, null, null, 1000))
                  .versions()
                  .stream()
                  .filter(v -> v.info().key().equals(key))
                  .toList();
          if (!versions.isEmpty()) {
            String id = versions.get(rnd.nextInt(versions.size())).info().versionId();
            store.delete(new ObjectRef("b", key, id == null ? "null" : id), null);
          }
        } else if (op == 8) {
          store
              .versioning()
              .orElseThrow()
              .setState(
                  "b", rnd.nextBoolean() ? VersioningState.ENABLED : VersioningState.SUSPENDED);
        }
        checkInvariants(store, "b");
      }
      // remove every version: all chunk files go, none twice
      for (ObjectVersion v :
          store
              .versioning()
              .orElseThrow()
              .listVersions("b", new VersionsQuery("", null, null, null, 1000))
              .versions()) {
        String id = v.info().versionId();
        store.delete(new ObjectRef("b", v.info().key(), id == null ? "null" : id), null);
      }
      checkInvariants(store, "b");
      assertThat(chunkFiles()).isEmpty();
      assertThat(store.sweepNow()).isZero();
      store.deleteBucket("b");
    }
  }

  private void checkInvariants(LocalStore store, String bucket) throws IOException {
    MetaDb db = store.metaDb();
    byte[] base = KeyCodec.bucketPrefix(bucket);
    Map<String, ObjectRecord> newest = new HashMap<>();
    long objects = 0;
    long bytes = 0;
    Set<ChunkId> referenced = new HashSet<>();
    try (MetaDb.Scan s = db.scanPrefix(Cf.VERSIONS, base)) {
      for (; s.valid(); s.next()) {
        byte[] k = s.key();
        String key = KeyCodec.string(k, base.length, k.length - VersionKey.BYTES - 1);
        ObjectRecord r = RecordCodec.decodeObject(s.value());
        assertThat(r.version()).isEqualTo(VersionKey.fromBytes(k, k.length - VersionKey.BYTES));
        newest.putIfAbsent(key, r);
        if (!r.deleteMarker()) {
          objects++;
          bytes += r.size();
        }
        for (ChunkRef c : r.chunks()) {
          assertThat(referenced.add(c.id())).as("chunk owned twice").isTrue();
          assertThat(db.get(Cf.CHUNK_REFS, c.id().bytes())).isNotNull();
        }
      }
    }
    Map<String, ObjectRecord> current = new HashMap<>();
    try (MetaDb.Scan s = db.scanPrefix(Cf.OBJECTS, base)) {
      for (; s.valid(); s.next()) {
        byte[] k = s.key();
        current.put(KeyCodec.string(k, base.length, k.length), RecordCodec.decodeObject(s.value()));
      }
    }
    Map<String, ObjectRecord> expected = new HashMap<>();
    newest.forEach(
        (k, r) -> {
          if (!r.deleteMarker()) expected.put(k, r);
        });
    assertThat(current).isEqualTo(expected);
    assertThat(store.usage().orElseThrow().buckets().get(bucket))
        .isEqualTo(new BucketUsage(objects, bytes));
    Set<ChunkId> onDisk = new HashSet<>();
    for (Path f : chunkFiles()) onDisk.add(ChunkId.parseHex(f.getFileName().toString()));
    assertThat(onDisk).isEqualTo(referenced);
    // at most one null version per key, and the pointer names it
    try (MetaDb.Scan s = db.scanPrefix(Cf.NULL_VERSIONS, base)) {
      for (; s.valid(); s.next()) {
        byte[] v = db.get(Cf.VERSIONS, KeyCodec.concat(s.key(), new byte[] {0}, s.value()));
        assertThat(v).isNotNull();
        assertThat(RecordCodec.decodeObject(v).isNullVersion()).isTrue();
      }
    }
  }

  private List<Path> chunkFiles() throws IOException {
    Path chunks = dir.resolve("chunks");
    if (!Files.exists(chunks)) return List.of();
    try (Stream<Path> s = Files.walk(chunks)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  /** A data directory from before versions: objects without a version become null versions. */
  @Test
  void objectsWrittenBeforeVersionsAreIndexedAtOpen() throws Exception {
    try (LocalStore store = LocalStore.open(dir, TestSupport.smallOptions())) {
      store.createBucket("b", "us-east-1");
      put(store, "b", "old", bytes(3000, 1));
      MetaDb db = store.metaDb();
      // rewrite as a pre-versions store left it: a V3 record in objects only, no index entries
      ObjectRecord r =
          store.metaDb() == null
              ? null
              : RecordCodec.decodeObject(db.get(Cf.OBJECTS, KeyCodec.object("b", "old")));
      ObjectRecord legacy =
          new ObjectRecord(
              r.size(),
              r.etag(),
              r.lastModifiedMillis(),
              r.metadata(),
              r.checksum(),
              r.partSizes(),
              r.inlineId(),
              r.chunks());
      try (Batch b = db.batch()) {
        db.deletePrefix(b, Cf.VERSIONS, KeyCodec.bucketPrefix("b"));
        db.deletePrefix(b, Cf.NULL_VERSIONS, KeyCodec.bucketPrefix("b"));
        b.put(Cf.OBJECTS, KeyCodec.object("b", "old"), RecordCodec.encode(legacy));
        b.delete(Cf.META, "versions-index".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        db.commit(b);
      }
    }
    try (LocalStore store = LocalStore.open(dir, TestSupport.smallOptions())) {
      var versions =
          store
              .versioning()
              .orElseThrow()
              .listVersions("b", new VersionsQuery("", null, null, null, 10))
              .versions();
      assertThat(versions)
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.latest()).isTrue();
                assertThat(v.info().versionId()).isNull();
              });
      checkInvariants(store, "b");
      store.versioning().orElseThrow().setState("b", VersioningState.ENABLED);
      put(store, "b", "old", bytes(10, 2));
      assertThat(Arrays.equals(TestSupport.get(store, "b", "old"), bytes(10, 2))).isTrue();
      try (var read = store.open(ReadRequest.of("b", "old", "null"));
          var in = read.stream(null)) {
        assertThat(in.readAllBytes()).isEqualTo(bytes(3000, 1));
      }
      checkInvariants(store, "b");
      List<String> ids = new ArrayList<>();
      store
          .versioning()
          .orElseThrow()
          .listVersions("b", new VersionsQuery("", null, null, null, 10))
          .versions()
          .forEach(v -> ids.add(String.valueOf(v.info().versionId())));
      assertThat(ids).hasSize(2).endsWith("null");
    }
  }
}
