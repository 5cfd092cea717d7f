package dev.dfs.s3;

import dev.dfs.store.ObjectRef;
import dev.dfs.store.Tiering;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Opt-in measurement ({@code -Ddfs.bench.tiers=true}) of transition throughput, as the lifecycle
 * worker moves objects (one thread, one crash-safe transition after another): to a directory tier
 * and to an S3 tier served by a second in-process DFS server. Objects and size: {@code
 * dfs.bench.tiers.objects} (100) × {@code dfs.bench.tiers.kib} (1024). Prints objects/s and MiB/s;
 * asserts nothing (figures go to the README with their setup).
 */
@EnabledIfSystemProperty(named = "dfs.bench.tiers", matches = "true")
class TierTransitionBench {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  @TempDir static Path temp;
  static DfsTestServer remote;

  @BeforeAll
  static void start() throws Exception {
    remote = DfsTestServer.start(temp.resolve("remote"));
    remote.client().createBucket(b -> b.bucket("tier"));
    var tiers = DFS.server().store().tiering().orElseThrow().tiers();
    tiers.create(
        new TierDefinition(
            "dir",
            TierDefinition.Kind.DIRECTORY,
            List.of("STANDARD_IA"),
            null,
            temp.resolve("dir").toString(),
            null,
            null,
            null,
            null,
            null,
            null));
    tiers.create(
        new TierDefinition(
            "s3",
            TierDefinition.Kind.S3,
            List.of("GLACIER_IR"),
            null,
            null,
            remote.endpoint().toString(),
            "tier",
            "bench/",
            "us-east-1",
            DfsTestServer.ACCESS_KEY,
            DfsTestServer.SECRET_KEY));
  }

  @AfterAll
  static void stop() throws Exception {
    remote.close();
  }

  @Test
  void transitionThroughput() throws Exception {
    int objects = Integer.getInteger("dfs.bench.tiers.objects", 100);
    int size = Integer.getInteger("dfs.bench.tiers.kib", 1024) * 1024;
    for (String[] target :
        List.of(new String[] {"dir", "STANDARD_IA"}, new String[] {"s3", "GLACIER_IR"})) {
      String bucket = "bench-" + target[0];
      var s3 = DFS.client();
      s3.createBucket(b -> b.bucket(bucket));
      byte[] data = SdkTestSupport.randomBytes(size, 1);
      List<String> etags = new ArrayList<>();
      for (int i = 0; i < objects; i++) {
        int n = i;
        etags.add(
            s3.putObject(b -> b.bucket(bucket).key("o" + n), RequestBody.fromBytes(data))
                .eTag()
                .replace("\"", ""));
      }
      Tiering tiering = DFS.server().store().tiering().orElseThrow();
      long start = System.nanoTime();
      for (int i = 0; i < objects; i++) {
        if (!tiering.transition(new ObjectRef(bucket, "o" + i, null), etags.get(i), target[1])) {
          throw new AssertionError("o" + i + " did not move");
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "tier %s: %d objects of %d KiB in %.2f s: %.1f objects/s," + " %.1f MiB/s%n",
          target[0],
          objects,
          size / 1024,
          seconds,
          objects / seconds,
          (double) objects * size / (1 << 20) / seconds);
    }
  }
}
