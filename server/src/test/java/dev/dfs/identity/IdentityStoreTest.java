package dev.dfs.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.crypto.MasterKey;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The identity store of one node, on its own RocksDB in {@code <data-dir>/identity}. */
class IdentityStoreTest extends IdentityStoreContract {

  @Override
  IdentityStore open(MasterKey key) throws IOException {
    return IdentityStores.open(data, key);
  }

  @Override
  Path recordsDir() {
    return data.resolve(IdentityStores.DIR_NAME);
  }

  @Test
  void aSecondOpenIsRefusedAsLocked() throws Exception {
    try (IdentityStore s = open()) {
      assertThatThrownBy(this::open).isInstanceOf(IdentityStoreLockedException.class);
    }
  }
}
