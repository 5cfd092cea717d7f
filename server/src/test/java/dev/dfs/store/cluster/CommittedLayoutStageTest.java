package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.local.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change staged before the bootstrap committed version 1 (a leader staging within moments of its
 * election, as LayoutChangeTest once did in CI) is visible at once, with version 1 committed.
 */
class CommittedLayoutStageTest {
  private static Node node(String id, int port) {
    return new Node(id, URI.create("http://127.0.0.1:" + port), null, 1, NodeState.ACTIVE);
  }

  @Test
  void aChangeStagedBeforeVersionOneWasCommittedIsSeen(@TempDir Path dir) throws Exception {
    List<Node> seeds = List.of(node("n1", 7001), node("n2", 7011), node("n3", 7021));
    try (LocalStore local = LocalStore.open(dir);
        CommittedLayout layout =
            new CommittedLayout(
                local.systemTable(CommittedLayout.TABLE),
                seeds,
                () -> false,
                Duration.ofHours(1))) { // never leads: its bootstrap never commits version 1
      List<Node> next = List.of(seeds.get(0), seeds.get(1), seeds.get(2), node("n4", 7031));
      layout.stage(next);
      assertThat(layout.history().staged()).contains(next);
      assertThat(layout.history().newest().number()).isEqualTo(1);
      assertThat(layout.history().newest().nodes()).isEqualTo(seeds);
    }
  }
}
