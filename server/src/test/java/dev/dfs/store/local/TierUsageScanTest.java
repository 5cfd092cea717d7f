package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierUsage;
import dev.dfs.testing.DirectoryTiers;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tier report's scan: versions counted per tier and class, and {@code pending} counting only
 * local versions that wait to move to the tier serving their class.
 */
class TierUsageScanTest {
  @TempDir Path dir;

  @Test
  void intelligentTieringObjectsOnLocalDiskAreNotPending() throws Exception {
    try (LocalStore store = LocalStore.open(dir.resolve("store"))) {
      store.createBucket("b", "us-east-1");
      put(store, "ia", "STANDARD_IA", 1_000); // written while no tier served its class
      put(store, "it", "INTELLIGENT_TIERING", 3_000); // FREQUENT: where it belongs
      put(store, "std", null, 5_000);
      TierDefinition warm =
          DirectoryTiers.directory(dir, "warm", "STANDARD_IA", "INTELLIGENT_TIERING");

      TierUsage u = new TierUsageScan(store.metaDb(), Clock.systemUTC()).scan(List.of(warm));

      assertThat(u.pending()).isEqualTo(new TierUsage.Amount(1, 1_000));
      assertThat(u.local()).isEqualTo(new TierUsage.Amount(3, 9_000));
      assertThat(u.byClass())
          .containsEntry("INTELLIGENT_TIERING", new TierUsage.Amount(1, 3_000))
          .containsEntry("STANDARD_IA", new TierUsage.Amount(1, 1_000));
    }
  }

  private static void put(LocalStore store, String key, String storageClass, int size)
      throws Exception {
    ObjectMetadata md =
        new ObjectMetadata(null, null, null, null, null, null, Map.of(), storageClass);
    store.putObject(
        new PutObjectRequest("b", key, size, md, null, null, null),
        new ByteArrayInputStream(new byte[size]));
  }
}
