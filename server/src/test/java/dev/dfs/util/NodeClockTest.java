package dev.dfs.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test hook's clock: the system's unless DFS_TEST_CLOCK_OFFSET_MS is set, then shifted by it;
 * bad values refused.
 */
class NodeClockTest {
  @Test
  void unsetOrBlankIsTheSystemClock() {
    assertThat(NodeClock.from(Map.of())).isSameAs(Clock.systemUTC());
    assertThat(NodeClock.from(Map.of(NodeClock.OFFSET_ENV, " "))).isSameAs(Clock.systemUTC());
    assertThat(NodeClock.offsetMillis(Map.of())).isZero();
  }

  @Test
  void anOffsetShiftsTheClockBothWays() {
    long ahead =
        NodeClock.from(Map.of(NodeClock.OFFSET_ENV, "120000")).millis()
            - System.currentTimeMillis();
    long behind =
        NodeClock.from(Map.of(NodeClock.OFFSET_ENV, "-120000")).millis()
            - System.currentTimeMillis();
    assertThat(ahead).isBetween(119_000L, 121_000L);
    assertThat(behind).isBetween(-121_000L, -119_000L);
  }

  @Test
  void aValueThatIsNotWholeMillisecondsIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> NodeClock.from(Map.of(NodeClock.OFFSET_ENV, "2m")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NodeClock.OFFSET_ENV);
  }
}
