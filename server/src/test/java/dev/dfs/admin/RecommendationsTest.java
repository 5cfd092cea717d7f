package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationsTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private static List<Map<String, Object>> recs(
      double disk, long c5, long prev5, long stale, long skew) {
    return Recommendations.compute(
        new Recommendations.Conditions(disk, c5, prev5, stale, skew), NOW);
  }

  @Test
  void quietSystemHasNone() {
    assertThat(recs(0.5, 0, 0, 0, 0)).isEmpty();
    assertThat(recs(-1, 0, -1, 0, 0)).isEmpty();
  }

  @Test
  void diskOver80PercentWarnsAndOver95IsCritical() {
    assertThat(recs(0.81, 0, 0, 0, 0))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("category", "capacity")
                    .containsEntry("severity", "warning")
                    .containsKeys("title", "description", "suggestions", "created_at"));
    assertThat(recs(0.96, 0, 0, 0, 0).get(0)).containsEntry("severity", "critical");
  }

  @Test
  void rising5xxOnlyWhenAboveThePreviousMinuteAndTheFloor() {
    assertThat(recs(0, 10, 2, 0, 0))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("category", "reliability"));
    assertThat(recs(0, 10, 10, 0, 0)).isEmpty();
    assertThat(recs(0, 3, 0, 0, 0)).isEmpty();
  }

  @Test
  void staleUploadsAndClockSkew() {
    assertThat(recs(0, 0, 0, 2, 0))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("category", "storage"));
    assertThat(recs(0, 0, 0, 0, 1))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("category", "security")
                    .containsEntry("created_at", NOW.toString()));
  }

  @Test
  void scrubDamageDeadNodesAndPendingRepairsOnACluster() {
    dev.dfs.store.ClusterStatus.Repair quiet = dev.dfs.store.ClusterStatus.Repair.NONE;
    assertThat(Recommendations.cluster(quiet, NOW)).isEmpty();
    dev.dfs.store.ClusterStatus.Repair bad =
        new dev.dfs.store.ClusterStatus.Repair(
            3,
            3000,
            100,
            30,
            0,
            0,
            0,
            false,
            null,
            List.of("n2"),
            10,
            1000,
            2,
            null,
            dev.dfs.store.ClusterStatus.Gc.NONE,
            List.of());
    assertThat(Recommendations.cluster(bad, NOW))
        .extracting(r -> r.get("severity"), r -> r.get("title"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("warning", "Scrub found 2 damaged replica(s)"),
            org.assertj.core.groups.Tuple.tuple("critical", "Node(s) declared dead: n2"),
            org.assertj.core.groups.Tuple.tuple("info", "3 replica(s) waiting for repair"));
  }
}
