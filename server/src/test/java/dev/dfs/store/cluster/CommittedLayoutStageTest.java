package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ClusterLayout;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.repair.ChunkCatalog;
import dev.dfs.store.cluster.repair.MovePredictor;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.MovableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change staged before the bootstrap committed version 1 (a leader staging within moments of its
 * election, as LayoutChangeTest once did in CI) is visible at once, with version 1 committed; a
 * move that ended stays reported (version, moved, start and end) until the next one starts, also
 * after a restart.
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

  @Test
  void aFinishedMoveStaysReportedUntilTheNextStarts(@TempDir Path dir) throws Exception {
    List<Node> seeds = List.of(node("n1", 7001), node("n2", 7011), node("n3", 7021));
    Instant start = Instant.parse("2026-12-05T10:00:00Z");
    MovableClock clock = new MovableClock(start);
    try (LocalStore local = LocalStore.open(dir)) {
      try (CommittedLayout layout = layout(local, seeds, clock)) {
        LayoutService service = service(layout, clock);
        assertThat(service.report(false).lastRebalance()).isEmpty();
        layout.stage(List.of(seeds.get(0), seeds.get(1), seeds.get(2), node("n4", 7031)));
        service.applyHere(2);
        service.moved(2, 3, 300);
        assertThat(service.report(false).lastRebalance()).as("while data moves").isEmpty();
        clock.advance(Duration.ofSeconds(62));
        service.settled(2);
        ClusterLayout settled = service.report(false);
        assertThat(settled.rebalance()).isEqualTo(ClusterLayout.Rebalance.SETTLED);
        assertThat(settled.lastRebalance())
            .contains(
                new ClusterLayout.LastRebalance(2, 0, 0, 3, 300, start, start.plusSeconds(62)));
      }
      try (CommittedLayout layout = layout(local, seeds, clock)) { // after a restart
        LayoutService service = service(layout, clock);
        assertThat(service.report(false).lastRebalance().map(ClusterLayout.LastRebalance::version))
            .contains(2L);
        layout.stage(seeds);
        service.applyHere(3);
        assertThat(service.report(false).lastRebalance()).as("the next one started").isEmpty();
        clock.advance(Duration.ofSeconds(38));
        service.settled(3);
        assertThat(service.report(false).lastRebalance())
            .contains(
                new ClusterLayout.LastRebalance(
                    3, 0, 0, 0, 0, start.plusSeconds(62), start.plusSeconds(100)));
      }
    }
  }

  private static CommittedLayout layout(LocalStore local, List<Node> seeds, Clock clock) {
    return new CommittedLayout(
        local.systemTable(CommittedLayout.TABLE), seeds, () -> false, Duration.ofHours(1), clock);
  }

  /** A layout service over an empty catalog (every move predicts 0) and no dead node. */
  private static LayoutService service(CommittedLayout layout, Clock clock) {
    ChunkCatalog empty =
        new ChunkCatalog() {
          @Override
          public List<StoredChunk> referenced(ChunkId after, int limit) {
            return List.of();
          }

          @Override
          public OptionalLong length(ChunkId id) {
            return OptionalLong.empty();
          }

          @Override
          public void readBarrier() {}
        };
    return new LayoutService(
        layout,
        new MovePredictor(empty),
        2,
        Set::of,
        id -> Optional.of(URI.create("http://127.0.0.1:7031")),
        () -> {},
        clock);
  }
}
