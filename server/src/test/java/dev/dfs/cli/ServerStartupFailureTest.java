package dev.dfs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dfs server} refuses a configuration it cannot start with: exit 2, no stack trace. */
class ServerStartupFailureTest {
  /**
   * A cluster node without DFS_CLUSTER_SECRET: the root key is derived from the secret before the
   * cluster engine checks its settings, which once ended in a NullPointerException (exit 1).
   */
  @Test
  void aClusterNodeWithoutASecretExitsWithAConfigurationError(@TempDir Path data) {
    assumeTrue(System.getenv("DFS_CLUSTER_SECRET") == null, "the environment sets the secret");
    CommandLine cli = Main.commandLine();
    int code =
        cli.execute(
            "server",
            "--storage-env",
            "cluster",
            "--node-id",
            "n1",
            "--cluster-address",
            "127.0.0.1:7000",
            "--cluster-seeds",
            "n1=127.0.0.1:7000",
            "--data-dir",
            data.toString());
    assertThat(code).isEqualTo(2);
  }
}
