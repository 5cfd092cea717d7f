package dev.dfs.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.auth.Credential;
import dev.dfs.crypto.MasterKey;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root from the configuration in front of the identity store's users. */
class IdentityCredentialStoreTest {
  @TempDir Path data;

  @Test
  void rootAndStoredUsersAuthenticate() throws Exception {
    try (IdentityStore store = IdentityStores.open(data, MasterKey.of(new byte[32]))) {
      Credential root = new Credential("root", "ROOTKEY", "root-secret");
      IdentityCredentialStore creds = new IdentityCredentialStore(root, "root-api-key", store);
      store.addUser("alice", null);
      NewAccessKey k = store.createAccessKey("alice");
      NewApiKey a = store.createApiKey("alice");

      assertThat(creds.byAccessKey("ROOTKEY")).contains(root);
      assertThat(creds.userForApiKey("root-api-key")).contains("root");
      assertThat(creds.byAccessKey(k.key().accessKeyId()).orElseThrow().userId())
          .isEqualTo("alice");
      assertThat(creds.userForApiKey(a.apiKey())).contains("alice");
      assertThat(creds.byAccessKey("NOPE")).isEmpty();
      assertThat(creds.userForApiKey("nope")).isEmpty();
      assertThat(creds.userForApiKey(null)).isEmpty();

      store.setUserEnabled("alice", false);
      assertThat(creds.byAccessKey(k.key().accessKeyId())).isEmpty();
      assertThat(creds.userForApiKey(a.apiKey())).isEmpty();
      assertThat(creds.byAccessKey("ROOTKEY")).contains(root);
      assertThatThrownBy(
              () -> new IdentityCredentialStore(new Credential("x", "A", "B"), null, store))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
