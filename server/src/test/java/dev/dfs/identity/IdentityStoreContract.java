package dev.dfs.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.auth.Credential;
import dev.dfs.crypto.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every identity store does, whatever table holds its records: validation, key formats,
 * persistence, sealing, cascades. A subclass opens the store (again, on the same records).
 */
abstract class IdentityStoreContract {
  static final MasterKey KEY = MasterKey.of(new byte[32]);
  @TempDir Path data;

  /** Opens the store on the test's records (after the previous one was closed). */
  IdentityStore open() throws IOException {
    return open(KEY);
  }

  abstract IdentityStore open(MasterKey key) throws IOException;

  /** The directory whose files hold the records. */
  abstract Path recordsDir();

  @Test
  void usersAreValidatedAndRootIsReserved() throws Exception {
    try (IdentityStore s = open()) {
      User alice = s.addUser("alice", null);
      assertThat(alice.enabled()).isTrue();
      assertThat(alice.created()).isNotNull();
      assertThat(s.addUser("a.b_c-1", "{\"Version\":\"2012-10-17\"}").policy())
          .isEqualTo("{\"Version\":\"2012-10-17\"}");
      assertThat(s.users()).extracting(User::name).containsExactly("a.b_c-1", "alice");
      assertThatThrownBy(() -> s.addUser("alice", null))
          .isInstanceOf(IdentityException.class)
          .extracting(e -> ((IdentityException) e).reason())
          .isEqualTo(IdentityException.Reason.CONFLICT);
      for (String bad : new String[] {"", "a/b", "ä", "x".repeat(65), "a b"}) {
        assertThatThrownBy(() -> s.addUser(bad, null))
            .as(bad)
            .extracting(e -> ((IdentityException) e).reason())
            .isEqualTo(IdentityException.Reason.INVALID);
      }
      assertThat(s.addUser("x".repeat(64), null).name()).hasSize(64);
      assertThatThrownBy(() -> s.addUser("root", null))
          .extracting(e -> ((IdentityException) e).reason())
          .isEqualTo(IdentityException.Reason.CONFLICT);
      assertThatThrownBy(() -> s.removeUser("root"))
          .extracting(e -> ((IdentityException) e).reason())
          .isEqualTo(IdentityException.Reason.CONFLICT);
      assertThatThrownBy(() -> s.createAccessKey("root")).isInstanceOf(IdentityException.class);
      assertThatThrownBy(() -> s.removeUser("nobody"))
          .extracting(e -> ((IdentityException) e).reason())
          .isEqualTo(IdentityException.Reason.NO_SUCH_USER);
    }
  }

  @Test
  void policyMustBeAJsonObjectAndIsKeptVerbatim() throws Exception {
    try (IdentityStore s = open()) {
      s.addUser("bob", null);
      for (String bad : new String[] {"[]", "\"x\"", "{", "42", "null"}) {
        assertThatThrownBy(() -> s.setPolicy("bob", bad))
            .as(bad)
            .extracting(e -> ((IdentityException) e).reason())
            .isEqualTo(IdentityException.Reason.INVALID);
      }
      String doc = "{ \"Statement\" : [ ] ,\n \"Version\": \"2012-10-17\" }";
      assertThat(s.setPolicy("bob", doc).policy()).isEqualTo(doc);
      assertThat(s.user("bob").orElseThrow().policy()).isEqualTo(doc);
      assertThat(s.setPolicy("bob", null).policy()).isNull();
      assertThatThrownBy(() -> s.setPolicy("root", "{}")).isInstanceOf(IdentityException.class);
    }
  }

  @Test
  void keysHaveAwsShapedIdsAndSecrets() throws Exception {
    try (IdentityStore s = open()) {
      s.addUser("alice", null);
      NewAccessKey k = s.createAccessKey("alice");
      assertThat(k.key().accessKeyId()).matches("[A-Z0-9]{20}");
      assertThat(k.secretKey()).hasSize(40).matches("[A-Za-z0-9+/]{40}");
      assertThat(k.key().status()).isEqualTo(KeyStatus.ACTIVE);
      assertThat(k.toString()).doesNotContain(k.secretKey());
      assertThat(s.createAccessKey("alice").key().accessKeyId())
          .isNotEqualTo(k.key().accessKeyId());
      assertThat(s.activeCredential(k.key().accessKeyId()))
          .contains(new Credential("alice", k.key().accessKeyId(), k.secretKey()));
      NewApiKey a = s.createApiKey("alice");
      assertThat(a.apiKey()).hasSize(40);
      assertThat(a.key().lastFour()).isEqualTo(a.apiKey().substring(36));
      assertThat(a.toString()).doesNotContain(a.apiKey());
      assertThat(s.userForApiKey(a.apiKey())).contains("alice");
      assertThat(s.userForApiKey(a.apiKey() + "x")).isEmpty();
      assertThatThrownBy(() -> s.createAccessKey("nobody"))
          .extracting(e -> ((IdentityException) e).reason())
          .isEqualTo(IdentityException.Reason.NO_SUCH_USER);
    }
  }

  @Test
  void disabledKeysAndDisabledUsersDoNotAuthenticate() throws Exception {
    try (IdentityStore s = open()) {
      s.addUser("alice", null);
      NewAccessKey k = s.createAccessKey("alice");
      NewApiKey a = s.createApiKey("alice");
      String id = k.key().accessKeyId();
      assertThat(s.setAccessKeyStatus(id, KeyStatus.INACTIVE).status())
          .isEqualTo(KeyStatus.INACTIVE);
      assertThat(s.activeCredential(id)).isEmpty();
      s.setAccessKeyStatus(id, KeyStatus.ACTIVE);
      assertThat(s.activeCredential(id)).isPresent();
      s.setUserEnabled("alice", false);
      assertThat(s.activeCredential(id)).isEmpty();
      assertThat(s.userForApiKey(a.apiKey())).isEmpty();
      s.setUserEnabled("alice", true);
      assertThat(s.activeCredential(id)).isPresent();
      assertThat(s.userForApiKey(a.apiKey())).contains("alice");
      s.deleteAccessKey(id);
      assertThat(s.activeCredential(id)).isEmpty();
      assertThatThrownBy(() -> s.deleteAccessKey(id))
          .extracting(e -> ((IdentityException) e).reason())
          .isEqualTo(IdentityException.Reason.NO_SUCH_KEY);
      s.deleteApiKey(a.key().id());
      assertThat(s.userForApiKey(a.apiKey())).isEmpty();
    }
  }

  @Test
  void removingAUserDeletesItsKeysOnly() throws Exception {
    try (IdentityStore s = open()) {
      s.addUser("alice", null);
      s.addUser("bob", null);
      NewAccessKey ak = s.createAccessKey("alice");
      NewAccessKey bk = s.createAccessKey("bob");
      NewApiKey aa = s.createApiKey("alice");
      s.removeUser("alice");
      assertThat(s.user("alice")).isEmpty();
      assertThat(s.accessKeys())
          .extracting(AccessKey::accessKeyId)
          .containsExactly(bk.key().accessKeyId());
      assertThat(s.apiKeys()).isEmpty();
      assertThat(s.activeCredential(ak.key().accessKeyId())).isEmpty();
      assertThat(s.userForApiKey(aa.apiKey())).isEmpty();
      // a new alice does not inherit the old one's keys
      s.addUser("alice", null);
      assertThat(s.activeCredential(ak.key().accessKeyId())).isEmpty();
    }
    try (IdentityStore s = open()) {
      assertThat(s.users()).extracting(User::name).containsExactly("alice", "bob");
      assertThat(s.accessKeys()).hasSize(1);
    }
  }

  @Test
  void everythingSurvivesAReopen() throws Exception {
    NewAccessKey k;
    NewApiKey a;
    try (IdentityStore s = open()) {
      s.addUser("alice", "{\"a\":1}");
      s.addUser("carol", null);
      s.setUserEnabled("carol", false);
      k = s.createAccessKey("alice");
      NewAccessKey off = s.createAccessKey("alice");
      s.setAccessKeyStatus(off.key().accessKeyId(), KeyStatus.INACTIVE);
      a = s.createApiKey("alice");
    }
    try (IdentityStore s = open()) {
      assertThat(s.user("alice").orElseThrow().policy()).isEqualTo("{\"a\":1}");
      assertThat(s.user("carol").orElseThrow().enabled()).isFalse();
      assertThat(s.activeCredential(k.key().accessKeyId()).orElseThrow().secretKey())
          .isEqualTo(k.secretKey());
      assertThat(s.accessKeys())
          .extracting(AccessKey::status)
          .containsExactlyInAnyOrder(KeyStatus.ACTIVE, KeyStatus.INACTIVE);
      assertThat(s.userForApiKey(a.apiKey())).contains("alice");
      assertThat(s.apiKeys()).containsExactly(a.key());
    }
  }

  @Test
  void secretsAreNotOnDiskInClearAndNeedTheMasterKey() throws Exception {
    NewAccessKey k;
    NewApiKey a;
    try (IdentityStore s = open()) {
      s.addUser("alice", null);
      k = s.createAccessKey("alice");
      a = s.createApiKey("alice");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(recordsDir())) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    boolean sawKeyId = false;
    for (Path f : files) {
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertThat(bytes).as(f.toString()).doesNotContain(k.secretKey()).doesNotContain(a.apiKey());
      sawKeyId |= bytes.contains(k.key().accessKeyId());
    }
    assertThat(sawKeyId).as("the records are in these files").isTrue();
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> open(MasterKey.of(other)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("different master key");
  }

  @Test
  void concurrentWritersAndReadersSeeConsistentState() throws Exception {
    try (IdentityStore s = open()) {
      s.addUser("alice", null);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<NewAccessKey>> made = new ArrayList<>();
        for (int i = 0; i < 40; i++) made.add(pool.submit(() -> s.createAccessKey("alice")));
        for (Future<NewAccessKey> f : made) {
          NewAccessKey k = f.get();
          assertThat(s.activeCredential(k.key().accessKeyId()).orElseThrow().secretKey())
              .isEqualTo(k.secretKey());
        }
      } finally {
        pool.shutdown();
      }
      assertThat(s.accessKeys()).hasSize(40);
    }
  }
}
