package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketConfigCacheTest {
  @TempDir Path dir;

  @Test
  void loadsOnceUntilInvalidated() throws IOException {
    BucketConfigCache<String> cache = new BucketConfigCache<>();
    AtomicInteger loads = new AtomicInteger();
    BucketConfigCache.Loader<String> loader = () -> Optional.of("doc" + loads.incrementAndGet());
    assertThat(cache.get("b", "cors", loader)).contains("doc1");
    assertThat(cache.get("b", "cors", loader)).contains("doc1");
    cache.invalidate();
    assertThat(cache.get("b", "cors", loader)).contains("doc2");
  }

  @Test
  void aLoadThatOverlapsAnInvalidationIsNotKept() throws IOException {
    BucketConfigCache<String> cache = new BucketConfigCache<>();
    // The document changes (and the cache is invalidated) while the old value is being read.
    assertThat(
            cache.get(
                "b",
                "cors",
                () -> {
                  cache.invalidate();
                  return Optional.of("old");
                }))
        .contains("old");
    assertThat(cache.get("b", "cors", () -> Optional.of("new"))).contains("new");
  }

  @Test
  void theStoreSeesChangesAndDeletedBuckets() throws IOException {
    try (LocalStore store = LocalStore.open(dir)) {
      store.createBucket("b", "us-east-1");
      assertThat(store.bucketConfig("cors").orElseThrow().get("b")).isEmpty();
      store.bucketConfig("cors").orElseThrow().put("b", "one");
      assertThat(store.bucketConfig("cors").orElseThrow().get("b")).contains("one");
      store.bucketConfig("cors").orElseThrow().put("b", null);
      assertThat(store.bucketConfig("cors").orElseThrow().get("b")).isEmpty();
      store.bucketConfig("cors").orElseThrow().put("b", "two");
      assertThat(store.bucketConfig("cors").orElseThrow().get("b")).contains("two");
      store.deleteBucket("b");
      assertThatThrownBy(() -> store.bucketConfig("cors").orElseThrow().get("b"))
          .isInstanceOfSatisfying(
              StoreException.class,
              e -> assertThat(e.error()).isEqualTo(StoreError.NO_SUCH_BUCKET));
      store.createBucket("b", "us-east-1");
      assertThat(store.bucketConfig("cors").orElseThrow().get("b")).isEmpty();
    }
  }
}
