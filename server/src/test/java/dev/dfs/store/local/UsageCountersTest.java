package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ObjectRef;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.StoreUsage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object counts and bytes follow puts, overwrites and deletes, and survive a reopen. */
class UsageCountersTest {
  @Test
  void countsFollowWritesAndSurviveReopen(@TempDir Path dir) throws Exception {
    try (LocalStore store = LocalStore.open(dir)) {
      store.createBucket("b", "us-east-1");
      store.createBucket("empty", "us-east-1");
      put(store, "b", "one", 10);
      put(store, "b", "two", 5);
      put(store, "b", "one", 3); // overwrite: same count, fewer bytes
      put(store, "b", "big", 300_000);
      store.delete(ObjectRef.current("b", "two"), null);
      store.delete(ObjectRef.current("b", "missing"), null);
      StoreUsage u = store.usage().orElseThrow();
      assertThat(u.buckets().get("b")).isEqualTo(new StoreUsage.BucketUsage(2, 300_003));
      assertThat(u.buckets().get("empty")).isEqualTo(StoreUsage.BucketUsage.EMPTY);
      assertThat(u.capacityBytes()).isPositive();
      assertThat(u.engineStats()).containsKey("rocksdb.estimate-num-keys");
      store.probe();
    }
    try (LocalStore store = LocalStore.open(dir)) {
      assertThat(store.usage().orElseThrow().buckets().get("b"))
          .isEqualTo(new StoreUsage.BucketUsage(2, 300_003));
    }
  }

  @Test
  void deletedBucketStartsFromZeroWhenRecreated(@TempDir Path dir) throws Exception {
    try (LocalStore store = LocalStore.open(dir)) {
      store.createBucket("b", "us-east-1");
      put(store, "b", "k", 7);
      store.delete(ObjectRef.current("b", "k"), null);
      store.deleteBucket("b");
      store.createBucket("b", "us-east-1");
      put(store, "b", "k2", 4);
      assertThat(store.usage().orElseThrow().buckets().get("b"))
          .isEqualTo(new StoreUsage.BucketUsage(1, 4));
    }
  }

  /** A data directory without counters (written before they existed) is counted at open. */
  @Test
  void directoryWithoutCountersIsCountedOnce(@TempDir Path dir) throws Exception {
    try (LocalStore store = LocalStore.open(dir)) {
      store.createBucket("b", "us-east-1");
      put(store, "b", "x", 11);
      put(store, "b", "y", 70_000);
    }
    try (MetaDb db = MetaDb.open(dir.resolve("meta"))) {
      try (MetaDb.Batch b = db.batch()) {
        db.deletePrefix(b, MetaDb.Cf.USAGE, new byte[0]);
        b.delete(
            MetaDb.Cf.META, "usage-counters".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        db.commit(b);
      }
    }
    try (LocalStore store = LocalStore.open(dir)) {
      assertThat(store.usage().orElseThrow().buckets().get("b"))
          .isEqualTo(new StoreUsage.BucketUsage(2, 70_011));
    }
  }

  private static void put(LocalStore store, String bucket, String key, int size) throws Exception {
    store.putObject(
        PutObjectRequest.simple(bucket, key, size), new ByteArrayInputStream(new byte[size]));
  }
}
