package dev.dfs.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCredentialsTest {
  @Test
  void generatedOnceStoredPrivatelyAndReusedAfter(@TempDir Path dir) throws Exception {
    RootCredentials first = RootCredentials.resolve(dir, null, null);
    assertThat(first.generated()).isTrue();
    assertThat(first.accessKey()).startsWith("DFS").hasSize(20);
    assertThat(first.secretKey()).hasSize(40);
    Path file = dir.resolve(RootCredentials.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    RootCredentials again = RootCredentials.resolve(dir, null, null);
    assertThat(again.generated()).isFalse();
    assertThat(again.accessKey()).isEqualTo(first.accessKey());
    assertThat(again.secretKey()).isEqualTo(first.secretKey());
    assertThat(again.apiKey()).isEqualTo(first.apiKey());
    assertThat(first.toString()).doesNotContain(first.secretKey()).doesNotContain(first.apiKey());
  }

  @Test
  void configuredKeysWin(@TempDir Path dir) throws Exception {
    RootCredentials.resolve(dir, null, null);
    RootCredentials c = RootCredentials.resolve(dir, "MYKEY", "my-secret-key");
    assertThat(c.accessKey()).isEqualTo("MYKEY");
    assertThat(c.secretKey()).isEqualTo("my-secret-key");
    assertThat(c.generated()).isFalse();
  }

  @Test
  void clusterNodesShareOneRootApiKeyDerivedFromTheSharedSettings(@TempDir Path a, @TempDir Path b)
      throws Exception {
    RootCredentials onA =
        RootCredentials.resolve(a, "MYKEY", "my-secret-key")
            .sharedByCluster(a, "a-long-random-shared-secret");
    RootCredentials onB =
        RootCredentials.resolve(b, "MYKEY", "my-secret-key")
            .sharedByCluster(b, "a-long-random-shared-secret");
    assertThat(onA.apiKey()).hasSize(40).isEqualTo(onB.apiKey());
    assertThat(RootCredentials.resolve(a, "MYKEY", "my-secret-key").apiKey())
        .as("stored, for dfs admin --data-dir")
        .isEqualTo(onA.apiKey());
    assertThat(
            RootCredentials.resolve(b, "MYKEY", "my-secret-key")
                .sharedByCluster(b, "another-cluster-secret!")
                .apiKey())
        .as("another cluster, another key")
        .isNotEqualTo(onA.apiKey());
  }
}
