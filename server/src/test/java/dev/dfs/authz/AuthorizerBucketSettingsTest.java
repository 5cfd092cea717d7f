package dev.dfs.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.auth.Principal;
import dev.dfs.store.local.LocalStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Authorizer} decides from the {@link BucketSettings} a request carries and does not
 * look the bucket up again: the requests here name a bucket the store does not have, which any
 * lookup would answer with NO_SUCH_BUCKET.
 */
class AuthorizerBucketSettingsTest {
  static final Principal ALICE = new Principal("alice", "AKA", false);
  static final Principal BOB = new Principal("bob", "AKB", false);

  @TempDir Path dir;
  LocalStore store;

  @BeforeEach
  void open() throws Exception {
    store = LocalStore.open(dir);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private static AccessRequest request(Principal who, BucketSettings settings) {
    return new AccessRequest(
        who,
        "s3:GetObject",
        "unlisted",
        "k",
        "127.0.0.1",
        false,
        Instant.now(),
        Map.of(),
        Map.of(),
        null,
        settings);
  }

  private static BucketSettings ownedBy(String owner, boolean restrictPublicBuckets) {
    return new BucketSettings(owner, false, false, restrictPublicBuckets, Optional.empty());
  }

  @Test
  void theOwnerComesFromTheRequest() throws Exception {
    Authorizer a = new Authorizer(store, false, null, null, List.of(), null);
    assertThat(a.allowed(request(ALICE, ownedBy("alice", false)))).isTrue();
    assertThat(a.allowed(request(BOB, ownedBy("alice", false)))).isFalse();
  }

  @Test
  void restrictPublicBucketsComesFromTheRequest() throws Exception {
    AuthorizerTest.Scripted publicPolicy = new AuthorizerTest.Scripted(Decision.ALLOW, true);
    Authorizer a =
        new Authorizer(
            store,
            false,
            publicPolicy,
            null,
            List.of(),
            bucket -> {
              throw new AssertionError("looked up Block Public Access of " + bucket);
            });
    assertThat(a.allowed(request(BOB, ownedBy("alice", false)))).isTrue();
    assertThat(a.allowed(request(BOB, ownedBy("alice", true)))).isFalse();
  }
}
