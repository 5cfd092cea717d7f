package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.MetaReplica;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The metadata group's transport admits only holders of the cluster secret (mutual TLS). */
@Timeout(120)
class RaftTlsTest {
  private static final String WRONG = "another-cluster-secret-987654321";
  @TempDir Path dir;
  private RaftMetaGroup group;

  @AfterEach
  void stop() throws IOException {
    if (group != null) group.close();
  }

  @Test
  void theIdentityIsDerivedFromTheSecretAlone() throws Exception {
    SecretIdentity a = SecretIdentity.derive(RaftMetaGroup.SECRET);
    SecretIdentity b = SecretIdentity.derive(RaftMetaGroup.SECRET);
    SecretIdentity other = SecretIdentity.derive(WRONG);

    assertThat(a.certificate().getEncoded()).isEqualTo(b.certificate().getEncoded());
    assertThat(a.key().getEncoded()).isEqualTo(b.key().getEncoded());
    assertThat(other.certificate().getEncoded()).isNotEqualTo(a.certificate().getEncoded());
    a.certificate().verify(a.certificate().getPublicKey()); // self-signed, and well formed
    assertThat(a.toString()).doesNotContain(RaftMetaGroup.SECRET);
  }

  @Test
  void aNodeWithAnotherSecretCannotJoinAndCatchesUpOnceItHasTheRightOne() throws IOException {
    group = new RaftMetaGroup(dir, 3, RaftTuning.loopback());
    group.start(0);
    group.start(1);
    group.start(2, WRONG);
    RaftMetaGroup.Node leader = group.awaitLeader();
    assertThat(leader.id()).isNotEqualTo("n3");
    leader.store().createBucket("b", "us-east-1");
    RaftMetaGroup.Node follower = group.node(leader.id().equals("n1") ? 1 : 0);
    RaftMetaGroup.await(
        "the right follower applied the bucket", () -> applied(follower) >= applied(leader));

    assertThat(applied(group.node(2)))
        .as("entries applied on the node without the secret")
        .isLessThan(applied(leader));
    assertThatThrownBy(() -> group.node(2).log().readBarrier())
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));

    group.stop(2);
    group.start(2);
    MetaReplica.Position at = group.awaitSameApplied();
    assertThat(at.index()).isGreaterThanOrEqualTo(applied(leader));
  }

  @Test
  void onlyAClientWithTheSecretCanSendRequests() throws IOException {
    group = new RaftMetaGroup(dir, 3, RaftTuning.loopback()).startAll();
    group.awaitLeader();

    try (RaftClient right = client(RaftTls.parameters(RaftMetaGroup.SECRET))) {
      assertThat(right.io().sendReadOnly(Message.valueOf("barrier")).isSuccess()).isTrue();
    }
    long before = applied(group.awaitLeader());
    try (RaftClient wrong = client(RaftTls.parameters(WRONG))) {
      assertThatThrownBy(() -> wrong.io().send(Message.valueOf("forged entry")))
          .isInstanceOf(IOException.class);
    }
    try (RaftClient plain = client(new Parameters())) {
      assertThatThrownBy(() -> plain.io().send(Message.valueOf("forged entry")))
          .isInstanceOf(IOException.class);
    }
    assertThat(applied(group.awaitLeader()))
        .as("entries applied after the refused requests")
        .isEqualTo(before);
  }

  private RaftClient client(Parameters parameters) {
    List<RaftPeer> peers = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      peers.add(RaftPeer.newBuilder().setId(group.id(i)).setAddress(group.address(i)).build());
    }
    RaftProperties p = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(2, TimeUnit.SECONDS));
    return RaftClient.newBuilder()
        .setRaftGroup(RaftGroup.valueOf(RaftMetaLog.GROUP, peers))
        .setProperties(p)
        .setParameters(parameters)
        .setRetryPolicy(
            RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                3, TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
        .build();
  }

  private static long applied(RaftMetaGroup.Node n) {
    try {
      MetaReplica.Position p = n.replica().applied();
      return p == null ? 0 : p.index();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
