package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import dev.dfs.testing.RecordingClusterAdmin;
import dev.dfs.testing.SettableClusterView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dfs_cluster_rebalance_*} metrics of a node that keeps a layout ({@link
 * RecordingClusterAdmin}'s): while data moves, the move's figures; once settled, the last move's
 * (as {@code layout.lastRebalance}), not zeros; the totals never go down.
 */
class RebalanceMetricsTest {
  @TempDir Path dir;

  @Test
  void aSettledLayoutShowsTheLastRebalanceAndTheTotalsKeepIt() throws Exception {
    SettableClusterView view =
        new SettableClusterView(
            SettableClusterView.threeNodes(Instant.parse("2026-12-03T12:00:00Z")));
    RecordingClusterAdmin admin = new RecordingClusterAdmin();
    view.admin(admin);
    try (DfsTestServer server =
            DfsTestServer.start(SettableClusterView.offeredBy(LocalStore.open(dir), view));
        HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest scrape =
          HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).build();
      // moving from version 1 to 2: 4 of 10 chunks, 400 of 1000 B moved, 40 B/s
      String moving = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
      assertThat(moving.lines())
          .contains(
              "dfs_cluster_rebalance_moving{engine=\"local\"} 1.0",
              "dfs_cluster_rebalance_version{engine=\"local\"} 2.0",
              "dfs_cluster_rebalance_chunks_to_go{engine=\"local\"} 6.0",
              "dfs_cluster_rebalance_bytes_to_go{engine=\"local\"} 600.0",
              "dfs_cluster_rebalance_chunks_moved{engine=\"local\"} 4.0",
              "dfs_cluster_rebalance_bytes_moved{engine=\"local\"} 400.0",
              "dfs_cluster_rebalance_bytes_per_second{engine=\"local\"} 40.0",
              "dfs_cluster_rebalance_chunks_total{engine=\"local\"} 4.0",
              "dfs_cluster_rebalance_bytes_total{engine=\"local\"} 400.0");

      admin.settled = true; // the move ended: 10 chunks, 1000 B in 62 s
      String settled = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
      assertThat(settled.lines())
          .contains(
              "dfs_cluster_rebalance_moving{engine=\"local\"} 0.0",
              "dfs_cluster_rebalance_version{engine=\"local\"} 2.0",
              "dfs_cluster_rebalance_chunks_to_go{engine=\"local\"} 0.0",
              "dfs_cluster_rebalance_bytes_to_go{engine=\"local\"} 0.0",
              "dfs_cluster_rebalance_chunks_moved{engine=\"local\"} 10.0",
              "dfs_cluster_rebalance_bytes_moved{engine=\"local\"} 1000.0",
              "dfs_cluster_rebalance_bytes_per_second{engine=\"local\"} " + 1000 / 62.0,
              "dfs_cluster_rebalance_chunks_total{engine=\"local\"} 10.0",
              "dfs_cluster_rebalance_bytes_total{engine=\"local\"} 1000.0",
              "# TYPE dfs_cluster_rebalance_bytes_total counter");
    }
  }
}
