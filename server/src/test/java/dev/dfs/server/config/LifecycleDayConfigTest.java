package dev.dfs.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleDayConfigTest {
  @Test
  void defaultsToTheStandardDayAndAcceptsPositiveSeconds() {
    assertThat(
            DfsConfig.from(new ConfigSources(Map.of(), Map.of(), Map.of())).lifecycleDaySeconds())
        .isEqualTo(86400);
    DfsConfig c =
        DfsConfig.from(
            new ConfigSources(Map.of(), Map.of("DFS_LIFECYCLE_DAY_SECONDS", "1"), Map.of()));
    assertThat(c.lifecycleDaySeconds()).isEqualTo(1);
    assertThat(c.summary()).containsEntry("DFS_LIFECYCLE_DAY_SECONDS", "1");
    assertThat(ConfigKeys.ALL).contains(ConfigKeys.LIFECYCLE_DAY_SECONDS);
    assertThat(ConfigKeys.LIFECYCLE_DAY_SECONDS.flag()).isEqualTo("--lifecycle-day-seconds");
  }

  @Test
  void zeroNegativeAndNonNumbersFailWithOneClearLine() {
    for (String bad : new String[] {"0", "-5", "a day", "1.5", "99999999999"}) {
      assertThatThrownBy(
              () ->
                  DfsConfig.from(
                      new ConfigSources(
                          Map.of(), Map.of("DFS_LIFECYCLE_DAY_SECONDS", bad), Map.of())))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("DFS_LIFECYCLE_DAY_SECONDS")
          .hasMessageContaining("expected a positive integer of seconds");
    }
  }
}
