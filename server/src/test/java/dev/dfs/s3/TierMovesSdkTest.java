package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.testing.DfsServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionTransition;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Moves beyond the first transition, with a 50 ms lifecycle day and three directory tiers
 * started by the test (STANDARD_IA, GLACIER_IR, GLACIER): noncurrent versions move by
 * NoncurrentVersionTransition (NewerNoncurrentVersions kept where they are).
 */
class TierMovesSdkTest {
  static final Duration DEADLINE = Duration.ofSeconds(30);
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local()
      .lifecycleDay(new LifecycleDay(Duration.ofMillis(50)));
  @TempDir static Path temp;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    TierRegistry tiers = DFS.server().store().tiering().orElseThrow().tiers();
    for (String[] t : List.of(new String[] {"warm", "STANDARD_IA"},
        new String[] {"cool", "GLACIER_IR"}, new String[] {"cold", "GLACIER"})) {
      tiers.create(new TierDefinition(t[0], TierDefinition.Kind.DIRECTORY, List.of(t[1]), null,
          temp.resolve(t[0]).toString(), null, null, null, null, null, null));
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    SdkTestSupport.await(what, DEADLINE, condition);
  }

  static long files(String tier) {
    Path dir = temp.resolve(tier);
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".tmp")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> versionClasses(String bucket) {
    return s3.listObjectVersions(l -> l.bucket(bucket)).versions().stream()
        .map(ObjectVersion::storageClassAsString).toList();
  }

  @Test
  void noncurrentVersionsMoveKeepingTheNewerOnes() throws Exception {
    s3.createBucket(b -> b.bucket("history"));
    s3.putBucketVersioning(b -> b.bucket("history")
        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    List<byte[]> data = List.of(SdkTestSupport.randomBytes(200_000, 1),
        SdkTestSupport.randomBytes(200_000, 2), SdkTestSupport.randomBytes(200_000, 3));
    List<String> ids = new java.util.ArrayList<>();
    for (byte[] d : data) {
      ids.add(s3.putObject(b -> b.bucket("history").key("doc"), RequestBody.fromBytes(d))
          .versionId());
    }
    s3.putBucketLifecycleConfiguration(b -> b.bucket("history").lifecycleConfiguration(c -> c
        .rules(LifecycleRule.builder().id("old").status(ExpirationStatus.ENABLED)
            .filter(f -> f.prefix(""))
            .noncurrentVersionTransitions(NoncurrentVersionTransition.builder()
                .noncurrentDays(30).newerNoncurrentVersions(1)
                .storageClass(TransitionStorageClass.STANDARD_IA).build())
            .build())));

    // newest first: the current version, the newest noncurrent (kept), the oldest (moved)
    await("the oldest version in STANDARD_IA",
        () -> versionClasses("history").equals(List.of("STANDARD", "STANDARD", "STANDARD_IA")));
    assertThat(files("warm")).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      String id = ids.get(i);
      assertThat(s3.getObjectAsBytes(b -> b.bucket("history").key("doc").versionId(id))
          .asByteArray()).isEqualTo(data.get(i));
    }
    assertThat(s3.headObject(b -> b.bucket("history").key("doc").versionId(ids.getFirst()))
        .storageClassAsString()).isEqualTo("STANDARD_IA");
    // a delete marker makes the current version noncurrent (and the newest one): it stays
    s3.deleteObject(b -> b.bucket("history").key("doc"));
    await("the middle version moved", () -> versionClasses("history").equals(
        List.of("STANDARD", "STANDARD_IA", "STANDARD_IA")));
    assertThat(files("warm")).isEqualTo(2);
    s3.deleteObject(b -> b.bucket("history").key("doc").versionId(ids.getFirst()));
    await("the deleted version's copy freed", () -> files("warm") == 1);
  }
}
