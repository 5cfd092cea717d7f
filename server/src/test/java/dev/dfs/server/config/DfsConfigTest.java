package dev.dfs.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DfsConfigTest {
  @Test
  void defaultsWhenNothingIsSet() {
    DfsConfig c = DfsConfig.from(new ConfigSources(Map.of(), Map.of(), Map.of()));
    assertThat(c.port()).isEqualTo(5555);
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(c.storageEnv()).isEqualTo(ConfigKeys.StorageEnv.LOCAL);
    assertThat(c.auth()).isEqualTo(ConfigKeys.AuthMode.SIGV4);
    assertThat(c.region()).isEqualTo("us-east-1");
    assertThat(c.domain()).isNull();
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsDotEnv() {
    ConfigSources s =
        new ConfigSources(
            Map.of("API_PORT", "7000"),
            Map.of("API_PORT", "6000", "API_HOST", "10.0.0.1"),
            Map.of("API_PORT", "5000", "API_HOST", "10.0.0.2", "DFS_REGION", "eu-west-1"));
    DfsConfig c = DfsConfig.from(s);
    assertThat(c.port()).isEqualTo(7000);
    assertThat(c.host()).isEqualTo("10.0.0.1");
    assertThat(c.region()).isEqualTo("eu-west-1");
  }

  @Test
  void originalNamesAndAliasesWork() {
    DfsConfig c =
        DfsConfig.from(
            new ConfigSources(
                Map.of(), Map.of("STORAGE_ENV", "AWS", "DFS_PORT", "1234"), Map.of()));
    assertThat(c.storageEnv()).isEqualTo(ConfigKeys.StorageEnv.AWS);
    assertThat(c.port()).isEqualTo(1234);
  }

  @Test
  void badValueNamesTheSettingAndWhatWasExpected() {
    assertThatThrownBy(
            () ->
                DfsConfig.from(new ConfigSources(Map.of(), Map.of("API_PORT", "eighty"), Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("API_PORT")
        .hasMessageContaining("environment API_PORT")
        .hasMessageContaining("'eighty'")
        .hasMessageContaining("expected an integer from 0 to 65535");
    assertThatThrownBy(
            () ->
                DfsConfig.from(new ConfigSources(Map.of("STORAGE_ENV", "s3"), Map.of(), Map.of())))
        .hasMessageContaining("expected 'local', 'aws' or 'cluster'");
  }

  @Test
  void aClusterNodeNeedsItsSettingsAndTheSharedSecrets() {
    assertThatThrownBy(
            () ->
                DfsConfig.from(
                    new ConfigSources(
                        Map.of(), Map.of("STORAGE_ENV", "cluster", "DFS_NODE_ID", "n1"), Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "STORAGE_ENV=cluster needs DFS_CLUSTER_ADDRESS, DFS_CLUSTER_SEEDS,"
                + " DFS_CLUSTER_SECRET, DFS_ROOT_ACCESS_KEY, DFS_ROOT_SECRET_KEY, DFS_MASTER_KEY");
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "STORAGE_ENV",
                "cluster",
                "DFS_NODE_ID",
                "n1",
                "DFS_CLUSTER_ADDRESS",
                "127.0.0.1:7001",
                "DFS_CLUSTER_SEEDS",
                "n1=127.0.0.1:7001,n2=127.0.0.1:7011,n3=127.0.0.1:7021",
                "DFS_CLUSTER_SECRET",
                "a-cluster-secret-of-some-length",
                "DFS_ROOT_ACCESS_KEY",
                "rootkey",
                "DFS_ROOT_SECRET_KEY",
                "rootsecret123"));
    env.put("DFS_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
    DfsConfig c = DfsConfig.from(new ConfigSources(Map.of(), env, Map.of()));
    assertThat(c.storageEnv()).isEqualTo(ConfigKeys.StorageEnv.CLUSTER);
    assertThat(c.cluster().replicationFactor()).isEqualTo(3);
    assertThat(c.cluster().nodeId()).isEqualTo("n1");
    assertThat(c.toString()).doesNotContain("a-cluster-secret-of-some-length");
    assertThat(c.summary()).containsEntry("DFS_CLUSTER_SECRET", "***");
  }

  @Test
  void secretValuesAreNeverEchoed() {
    assertThatThrownBy(
            () ->
                DfsConfig.from(
                    new ConfigSources(
                        Map.of(),
                        Map.of("DFS_ROOT_ACCESS_KEY", "AKIDGOOD", "DFS_ROOT_SECRET_KEY", "short"),
                        Map.of())))
        .hasMessageContaining("DFS_ROOT_SECRET_KEY")
        .hasMessageNotContaining("short");
    DfsConfig ok =
        DfsConfig.from(
            new ConfigSources(
                Map.of(),
                Map.of("DFS_ROOT_ACCESS_KEY", "AKIDGOOD", "DFS_ROOT_SECRET_KEY", "very-secret-1"),
                Map.of()));
    assertThat(ok.toString()).doesNotContain("very-secret-1");
  }

  @Test
  void rootKeysMustComeTogether() {
    assertThatThrownBy(
            () ->
                DfsConfig.from(
                    new ConfigSources(
                        Map.of(), Map.of("DFS_ROOT_ACCESS_KEY", "AKIDGOOD"), Map.of())))
        .hasMessageContaining("DFS_ROOT_ACCESS_KEY and DFS_ROOT_SECRET_KEY");
  }

  @Test
  void dotEnvParsing(@TempDir Path dir) throws Exception {
    Path f = dir.resolve(".env");
    Files.writeString(
        f,
        "# comment\n\nexport API_PORT=6001\nDFS_REGION=\"eu-central-1\"\n"
            + "API_HOST='127.0.0.1'\n");
    assertThat(ConfigSources.readDotEnv(f))
        .containsEntry("API_PORT", "6001")
        .containsEntry("DFS_REGION", "eu-central-1")
        .containsEntry("API_HOST", "127.0.0.1");
    assertThat(ConfigSources.readDotEnv(dir.resolve("missing"))).isEmpty();
    Files.writeString(f, "JUST A LINE\n");
    assertThatThrownBy(() -> ConfigSources.readDotEnv(f)).hasMessageContaining("line 1");
  }
}
