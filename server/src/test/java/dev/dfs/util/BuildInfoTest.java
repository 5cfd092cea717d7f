package dev.dfs.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  @Test
  void readsTheFilteredVersionAndCommit() {
    Properties p = new Properties();
    p.setProperty("version", "0.9.0");
    p.setProperty("commit", "aeab488276");
    assertThat(BuildInfo.parse(p).describe()).isEqualTo("0.9.0 (commit aeab488276)");
  }

  @Test
  void unfilteredPlaceholdersAreUnknown() {
    Properties p = new Properties();
    p.setProperty("version", "${project.version}");
    p.setProperty("commit", "${buildNumber}");
    assertThat(BuildInfo.parse(p)).isEqualTo(new BuildInfo("unknown", "unknown"));
  }

  @Test
  void theBuildWroteARealVersion() {
    assertThat(BuildInfo.current().version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }
}
