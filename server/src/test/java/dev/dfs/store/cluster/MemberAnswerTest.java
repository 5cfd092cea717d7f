package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ClusterAdmin.Refused;
import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.ChunkService;
import dev.dfs.store.cluster.data.ClusterSecret;
import dev.dfs.store.cluster.data.MemberRequests;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeInfo;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.local.ChunkVolume;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused membership request says why even when the failure behind it has no message: the answer
 * text is the response body, and a null one made the chunk service fail the request (the peer got a
 * 500 instead of the refusal's status).
 */
@Timeout(60)
class MemberAnswerTest {
  private static final ClusterSecret SECRET = ClusterSecret.of("member-answer-test-secret-0123");

  @TempDir Path dir;

  @Test
  void aRefusalWithoutMessageKeepsItsStatusAndSaysWhatFailed() {
    MemberRequests.Answer a = MembershipService.answer(new Refused(Refused.Kind.UNAVAILABLE, null));
    assertThat(a.status()).isEqualTo(503);
    assertThat(a.text()).isEqualTo("Refused");
    assertThat(MemberRequests.Answer.failed(503, new IOException()).text())
        .isEqualTo("IOException");
    assertThat(MemberRequests.Answer.failed(409, new IllegalStateException("busy")).text())
        .isEqualTo("busy");
  }

  @Test
  void aPeerGetsTheRefusalOfAFailureWithoutMessage() throws Exception {
    MemberRequests refusing =
        params -> MembershipService.answer(new Refused(Refused.Kind.UNAVAILABLE, null));
    ChunkVolume volume = ChunkVolume.open(dir, 64 * 1024, Long.MAX_VALUE);
    try (ChunkService service =
            ChunkService.start(
                "n1",
                volume,
                SECRET,
                "127.0.0.1",
                0,
                Clock.systemUTC(),
                () -> new NodeInfo("n1", "", Optional.empty(), -1, -1, ""),
                refusing);
        ChunkClient client =
            ChunkClient.start(
                SECRET, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofSeconds(10))) {
      Node n1 = new Node("n1", service.address(), null, 1, NodeState.ACTIVE);
      MemberRequests.Answer a =
          client.member(n1, Map.of("op", "promote", "id", "n2"), Duration.ofSeconds(10));
      assertThat(a.status()).isEqualTo(503);
      assertThat(a.text()).isEqualTo("Refused");
    }
  }
}
