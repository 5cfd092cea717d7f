package dev.dfs.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ClusterLayout;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rebalance metrics' figures: the move under way, the last move once settled (not zeros), and
 * totals that only grow across moves.
 */
class RebalanceFiguresTest {
  static final Instant APPLIED = Instant.parse("2026-12-06T01:00:00Z");

  static ClusterLayout moving(long version, long chunks, long bytes) {
    return new ClusterLayout(
        version,
        List.of(version - 1, version),
        List.of(),
        Optional.empty(),
        null,
        new ClusterLayout.Rebalance(
            true, version - 1, 19, 19 * 8L << 20, chunks, bytes, 4e6, 10, APPLIED));
  }

  static ClusterLayout settled(long version, long chunks, long bytes) {
    return new ClusterLayout(
        version,
        List.of(version),
        List.of(),
        Optional.empty(),
        null,
        ClusterLayout.Rebalance.SETTLED,
        Optional.of(
            new ClusterLayout.LastRebalance(
                version, 19, 19 * 8L << 20, chunks, bytes, APPLIED, APPLIED.plusSeconds(40))));
  }

  @Test
  void aSettledLayoutReportsItsLastRebalance() {
    assertThat(RebalanceFigures.of(moving(2, 5, 40L << 20)))
        .isEqualTo(new RebalanceFigures(true, 2, 5, 40L << 20, 4e6));
    RebalanceFigures last = RebalanceFigures.of(settled(2, 19, 152L << 20));
    assertThat(last).isEqualTo(new RebalanceFigures(false, 2, 19, 152L << 20, (152L << 20) / 40.0));
    ClusterLayout never =
        new ClusterLayout(
            1, List.of(1L), List.of(), Optional.empty(), null, ClusterLayout.Rebalance.SETTLED);
    assertThat(RebalanceFigures.of(never)).isEqualTo(RebalanceFigures.NONE);
  }

  @Test
  void totalsAddEachMovesGainAndNeverGoDown() {
    RebalanceFigures.Totals t = new RebalanceFigures.Totals();
    assertThat(t.chunks(RebalanceFigures.NONE)).isZero();
    assertThat(t.chunks(RebalanceFigures.of(moving(2, 5, 500)))).isEqualTo(5);
    assertThat(t.bytes(RebalanceFigures.of(moving(2, 7, 700)))).isEqualTo(700);
    assertThat(t.chunks(RebalanceFigures.of(settled(2, 19, 1900)))).isEqualTo(19);
    assertThat(t.bytes(RebalanceFigures.of(settled(2, 19, 1900)))).isEqualTo(1900);
    assertThat(t.chunks(RebalanceFigures.NONE)).isEqualTo(19); // the layout unreadable: kept
    assertThat(t.chunks(RebalanceFigures.of(moving(3, 4, 400)))).isEqualTo(23);
    assertThat(t.bytes(RebalanceFigures.of(settled(3, 10, 1000)))).isEqualTo(2900);
    assertThat(t.chunks(RebalanceFigures.of(settled(3, 10, 1000)))).isEqualTo(29);
  }
}
