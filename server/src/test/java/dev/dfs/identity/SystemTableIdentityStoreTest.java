package dev.dfs.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.crypto.MasterKey;
import dev.dfs.store.BucketInfo;
import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's identity store ({@link IdentityStores#replicated}) on a plain local store: its
 * records in the metadata's system table, committed through the store's local log. Each open
 * reopens the store, so persistence is the metadata database's.
 */
class SystemTableIdentityStoreTest extends IdentityStoreContract {
  private LocalStore store;

  @Override
  IdentityStore open(MasterKey key) throws IOException {
    closeStore();
    store =
        LocalStore.open(
            data.resolve("store"), LocalStoreOptions.defaults().withBackgroundSweep(false));
    return IdentityStores.replicated(store.systemTable(IdentityStores.TABLE), key);
  }

  @Override
  Path recordsDir() {
    return data.resolve("store").resolve("meta");
  }

  @AfterEach
  void closeStore() throws IOException {
    if (store != null) store.close();
    store = null;
  }

  @Test
  void theRecordsLiveInTheMetadataAndLeaveObjectsAlone() throws Exception {
    try (IdentityStore s = open()) {
      store.createBucket("b", "us-east-1");
      s.addUser("alice", null);
      assertThat(store.systemTable(IdentityStores.TABLE).scan("u/")).hasSize(1);
      assertThat(store.listBuckets()).extracting(BucketInfo::name).containsExactly("b");
    }
    assertThat(Files.exists(data.resolve(IdentityStores.DIR_NAME)))
        .as("no identity database of its own")
        .isFalse();
  }

  @Test
  void aMasterKeyThatDoesNotOpenTheCheckRecordIsRefusedBeforeAnythingIsRead() throws Exception {
    try (IdentityStore s = open()) {
      s.addUser("alice", null); // the first write records the master key check
    }
    byte[] other = new byte[32];
    other[31] = 7;
    assertThatThrownBy(() -> open(MasterKey.of(other)))
        .isInstanceOf(MasterKeyMismatchException.class)
        .hasMessageContaining("is not the one the cluster's users and keys are sealed under")
        .hasMessageContaining("DFS_MASTER_KEY");
    try (IdentityStore s = open()) {
      assertThat(s.user("alice")).isPresent();
    }
  }
}
