package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.auth.Credential;
import dev.dfs.crypto.MasterKey;
import dev.dfs.identity.IdentityException;
import dev.dfs.identity.IdentityStore;
import dev.dfs.identity.IdentityStores;
import dev.dfs.identity.MasterKeyMismatchException;
import dev.dfs.identity.NewAccessKey;
import dev.dfs.identity.NewApiKey;
import dev.dfs.identity.User;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.MetaReplica;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's users and keys ({@link IdentityStores#replicated}) on three LocalStores whose
 * metadata goes through a 3-node Ratis group on loopback: one log, one applied index, one
 * checkpoint for objects and identities alike.
 */
@Timeout(120)
class ReplicatedIdentityTest {
  private static final MasterKey KEY = MasterKey.of(new byte[32]);
  @TempDir Path dir;
  private RaftMetaGroup group;
  private final Map<String, IdentityStore> identities = new HashMap<>();

  @AfterEach
  void stop() throws IOException {
    identities.values().forEach(IdentityStore::close);
    if (group != null) group.close();
  }

  private void start() throws IOException {
    group = new RaftMetaGroup(dir, 3, RaftTuning.loopback()).startAll();
    for (RaftMetaGroup.Node n : group.running()) open(n, KEY);
  }

  private IdentityStore open(RaftMetaGroup.Node n, MasterKey key) throws IOException {
    IdentityStore s = IdentityStores.replicated(n.store().systemTable(IdentityStores.TABLE), key);
    identities.put(n.id(), s);
    return s;
  }

  private IdentityStore identity(RaftMetaGroup.Node n) {
    return identities.get(n.id());
  }

  /**
   * A change through whichever node is the leader, again after a leadership change, as the front
   * would.
   */
  private interface Change<T> {
    T on(IdentityStore leader) throws IOException;
  }

  private <T> T onLeader(Change<T> change) throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        return change.on(identity(group.awaitLeader()));
      } catch (StoreException e) {
        if (e.error() != StoreError.UNAVAILABLE || System.nanoTime() > deadline) throw e;
      }
    }
  }

  private void addUser(String name) throws IOException {
    onLeader(
        s -> {
          try {
            return s.addUser(name, null);
          } catch (IdentityException e) {
            if (e.reason() == IdentityException.Reason.CONFLICT)
              return null; // an earlier try committed
            throw e;
          }
        });
  }

  private List<RaftMetaGroup.Node> followers() {
    RaftMetaGroup.Node leader = group.awaitLeader();
    return group.running().stream().filter(n -> !n.equals(leader)).toList();
  }

  @Test
  void usersAndKeysMadeOnTheLeaderAuthenticateOnEveryReplicaAndReplicasAreIdentical()
      throws IOException {
    start();
    addUser("alice");
    NewAccessKey key = onLeader(s -> s.createAccessKey("alice"));
    NewApiKey api = onLeader(s -> s.createApiKey("alice"));
    onLeader(s -> s.setPolicy("alice", "{\"Version\":\"2012-10-17\"}"));

    Credential expected = new Credential("alice", key.key().accessKeyId(), key.secretKey());
    for (RaftMetaGroup.Node n : followers()) {
      n.log().readBarrier(); // the front fences reads so; afterwards the local copy has the write
      IdentityStore s = identity(n);
      assertThat(s.activeCredential(key.key().accessKeyId())).as(n.id()).contains(expected);
      assertThat(s.userForApiKey(api.apiKey())).as(n.id()).contains("alice");
      assertThat(s.user("alice").map(User::policy))
          .as(n.id())
          .contains("{\"Version\":\"2012-10-17\"}");
    }
    onLeader(s -> s.setUserEnabled("alice", false));
    for (RaftMetaGroup.Node n : group.running()) {
      n.log().readBarrier();
      assertThat(identity(n).activeCredential(key.key().accessKeyId())).as(n.id()).isEmpty();
    }
    MetaReplica.Position at = group.awaitSameApplied();
    assertThat(group.distinctDigests()).as("digests at %s: %s", at, group.digests()).isEqualTo(1);
  }

  @Test
  void aFollowersIdentityWriteFailsWithUnavailableAndChangesNothing() throws IOException {
    start();
    addUser("alice");
    RaftMetaGroup.Node follower = followers().getFirst();
    follower.log().readBarrier();
    assertThatThrownBy(() -> identity(follower).addUser("bob", null))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));
    assertThatThrownBy(() -> identity(follower).createAccessKey("alice"))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));
    for (RaftMetaGroup.Node n : group.running()) {
      n.log().readBarrier();
      assertThat(identity(n).user("bob")).as(n.id()).isEmpty();
      assertThat(identity(n).accessKeys()).as(n.id()).isEmpty();
    }
  }

  @Test
  void aFollowerBehindThePurgedLogGetsTheUsersFromTheLeadersCheckpoint() throws IOException {
    start();
    addUser("before");
    int f = group.indexOf(followers().getFirst());
    group.awaitSameApplied();
    long stoppedAt = group.node(f).replica().applied().index();
    identities.remove(group.node(f).id()).close();
    group.stop(f);

    NewAccessKey key =
        onLeader(
            s -> {
              s.addUser("carol", null);
              return s.createAccessKey("carol");
            });
    long every = RaftTuning.loopback().snapshotEvery();
    for (int i = 0; i < 4 * every; i++) addUser("u" + i);
    RaftMetaGroup.await(
        "every running log purged past the stopped follower",
        () -> group.running().stream().allMatch(n -> RaftMetaGroup.startIndex(n) > stoppedAt + 1));

    RaftMetaGroup.Node back = group.start(f);
    IdentityStore s = open(back, KEY); // before the checkpoint arrives: it must follow the install
    group.awaitSameApplied(); // only a snapshot can bring it there: the log before it is gone
    back.log().readBarrier();
    assertThat(s.activeCredential(key.key().accessKeyId()).map(Credential::secretKey))
        .contains(key.secretKey());
    assertThat(s.users()).hasSize((int) (4 * every) + 2);
    assertThat(group.distinctDigests()).as(group.digests()).isEqualTo(1);
  }

  @Test
  void aNodeWithAnotherMasterKeyIsRefused() throws IOException {
    start();
    addUser("alice"); // the first write records the cluster's master key check
    RaftMetaGroup.Node follower = followers().getFirst();
    follower.log().readBarrier();
    identities.remove(follower.id()).close();
    byte[] other = new byte[32];
    other[0] = 42;
    assertThatThrownBy(() -> open(follower, MasterKey.of(other)))
        .isInstanceOf(MasterKeyMismatchException.class)
        .hasMessageContaining("DFS_MASTER_KEY");
    assertThat(open(follower, KEY).user("alice")).isPresent();
  }
}
