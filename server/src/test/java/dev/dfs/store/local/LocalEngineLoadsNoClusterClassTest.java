package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ObjectRef;
import dev.dfs.store.PutObjectRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-node engine loads no Raft or cluster class: a fresh JVM with -verbose:class opens a
 * LocalStore, writes, reads and closes it, and its class-load log is checked.
 */
class LocalEngineLoadsNoClusterClassTest {
  @TempDir Path dir;

  /** Run in the child JVM: the local engine's whole write path. */
  public static void main(String[] args) throws IOException {
    try (LocalStore store = LocalStore.open(Path.of(args[0]))) {
      store.createBucket("b", "us-east-1");
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      store.putObject(
          PutObjectRequest.simple("b", "k", body.length), new ByteArrayInputStream(body));
      if (store.head(ObjectRef.current("b", "k")).isEmpty())
        throw new IllegalStateException("object missing");
    }
  }

  @Test
  void theLocalWritePathLoadsNoRatisAndNoClusterClass() throws Exception {
    Path log = dir.resolve("classes.log");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-verbose:class",
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalEngineLoadsNoClusterClassTest.class.getName(),
                    dir.resolve("data").toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish in 60 s");
    }
    List<String> lines = java.nio.file.Files.readAllLines(log);
    assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
    assertThat(lines).anyMatch(l -> l.contains("dev.dfs.store.local.GroupCommitter "));
    assertThat(lines)
        .noneMatch(l -> l.contains("org.apache.ratis") || l.contains("dev.dfs.store.cluster"));
  }
}
