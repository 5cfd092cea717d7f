package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.server.config.ConfigSources;
import dev.dfs.server.config.DfsConfig;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.local.LocalStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DFS_DEFAULT_BUCKETS: parsed as a list, checked against S3's names, created once, root's. */
class DefaultBucketsTest {
  @Test
  void createsTheMissingBucketsAsRootsAndLeavesExistingOnesAlone(@TempDir Path dir)
      throws Exception {
    try (LocalStore store = LocalStore.open(dir)) {
      store.createBucket("existing", "us-east-1");
      List<String> created =
          DefaultBuckets.ensure(
              store,
              "us-east-1",
              ObjectOwnership.BUCKET_OWNER_ENFORCED,
              List.of("media", "existing", "backups"));
      assertThat(created).containsExactly("media", "backups");
      assertThat(store.listBuckets())
          .extracting(b -> b.name())
          .containsExactlyInAnyOrder("existing", "media", "backups");
      assertThat(BucketOwner.of(store, "media")).isEqualTo(BucketOwner.ROOT);
      assertThat(BucketConfig.find(store, "media", AclDocuments.OWNERSHIP))
          .contains(ObjectOwnership.BUCKET_OWNER_ENFORCED.wireName());

      assertThat(
              DefaultBuckets.ensure(
                  store, "us-east-1", ObjectOwnership.DEFAULT, List.of("media", "backups")))
          .as("a restart creates nothing")
          .isEmpty();
    }
  }

  @Test
  void anInvalidNameIsRefusedBeforeAnythingIsCreated(@TempDir Path dir) throws Exception {
    try (LocalStore store = LocalStore.open(dir)) {
      assertThatThrownBy(
              () ->
                  DefaultBuckets.ensure(
                      store, "us-east-1", ObjectOwnership.DEFAULT, List.of("good-one", "Bad_Name")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'Bad_Name'");
      assertThatThrownBy(() -> DefaultBuckets.validate(List.of("api")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.listBuckets()).isEmpty();
    }
  }

  @Test
  void theSettingIsACommaSeparatedListWithoutBlanksOrRepeats() {
    DfsConfig c =
        DfsConfig.from(
            new ConfigSources(
                Map.of(), Map.of("DFS_DEFAULT_BUCKETS", " media, backups,,media "), Map.of()));
    assertThat(c.defaultBuckets()).containsExactly("media", "backups");
    assertThat(c.summary()).containsEntry("DFS_DEFAULT_BUCKETS", "media,backups");
    assertThat(DfsConfig.from(new ConfigSources(Map.of(), Map.of(), Map.of())).defaultBuckets())
        .isEmpty();
  }
}
