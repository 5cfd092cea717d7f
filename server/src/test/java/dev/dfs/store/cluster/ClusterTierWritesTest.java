package dev.dfs.store.cluster;

import static dev.dfs.store.cluster.TieredCluster.await;
import static dev.dfs.store.cluster.TieredCluster.bytes;
import static dev.dfs.store.cluster.TieredCluster.cls;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionTransition;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Writes that name a tier's storage class, and noncurrent versions moving to a tier, on the cluster
 * of {@link TieredCluster} (tier {@code remote} serves GLACIER_IR under {@code c1/}): PutObject,
 * CopyObject and a multipart upload with {@code x-amz-storage-class: GLACIER_IR} sent to a follower
 * end with the bytes at the remote and none of the objects' chunks referenced on any node, every
 * node's HEAD and listing report the class and every node reads them through; a versioned bucket's
 * {@code NoncurrentVersionTransition} moves the noncurrent version while the current one stays on
 * the nodes' disks, and both read back on every node.
 */
class ClusterTierWritesTest {
  @TempDir static Path temp;
  static TieredCluster fx;

  @BeforeAll
  static void start() throws Exception {
    fx = TieredCluster.start(temp);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fx != null) fx.close();
  }

  @Test
  void putCopyAndMultipartWithATiersClassThroughAFollowerGoToTheTier() throws Exception {
    int leader = fx.cluster.awaitLeader();
    S3Client s3 = fx.client((leader + 1) % 3);
    s3.createBucket(b -> b.bucket("placed"));
    byte[] src = bytes(300_000, 11);
    s3.putObject(b -> b.bucket("placed").key("src"), RequestBody.fromBytes(src));
    int[] baseline = new int[3]; // chunks of "src" and of any object of the other test
    for (int i = 0; i < 3; i++) {
      // an S3 read through node i first waits until it applied every acknowledged write
      assertThat(cls(fx.client(i), "placed", "src")).isNull();
      baseline[i] = fx.referencedChunks(i);
    }
    int remoteBefore = fx.remoteObjects("c1/");

    byte[] put = bytes(400_000, 12);
    s3.putObject(
        b -> b.bucket("placed").key("put").storageClass(StorageClass.GLACIER_IR),
        RequestBody.fromBytes(put));
    s3.copyObject(
        b ->
            b.sourceBucket("placed")
                .sourceKey("src")
                .destinationBucket("placed")
                .destinationKey("copy")
                .storageClass(StorageClass.GLACIER_IR));
    byte[] part1 = bytes(5 << 20, 13);
    byte[] part2 = bytes(100_000, 14);
    multipart(s3, "mpu", part1, part2);
    byte[] mpu = concat(part1, part2);

    await("the remote holds the three copies", () -> fx.remoteObjects("c1/") == remoteBefore + 3);
    List<String> keys = List.of("put", "copy", "mpu");
    List<byte[]> data = List.of(put, src, mpu);
    for (int i = 0; i < 3; i++) {
      int node = i;
      S3Client c = fx.client(i);
      for (String key : keys) {
        await(
            key + " in GLACIER_IR on n" + (i + 1),
            () -> "GLACIER_IR".equals(cls(c, "placed", key)));
      }
      await(
          "n" + (i + 1) + " references no chunk of the placed objects",
          () -> fx.referencedChunks(node) == baseline[node]);
      List<S3Object> listed = c.listObjectsV2(l -> l.bucket("placed")).contents();
      assertThat(listed)
          .extracting(S3Object::key, S3Object::storageClassAsString)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("copy", "GLACIER_IR"),
              org.assertj.core.groups.Tuple.tuple("mpu", "GLACIER_IR"),
              org.assertj.core.groups.Tuple.tuple("put", "GLACIER_IR"),
              org.assertj.core.groups.Tuple.tuple("src", "STANDARD"));
      for (int k = 0; k < keys.size(); k++) {
        String key = keys.get(k);
        assertThat(c.getObjectAsBytes(g -> g.bucket("placed").key(key)).asByteArray())
            .as("%s read through n%d", key, i + 1)
            .isEqualTo(data.get(k));
      }
      // the copy's move left its source's replicated chunks alone
      assertThat(c.getObjectAsBytes(g -> g.bucket("placed").key("src")).asByteArray())
          .isEqualTo(src);
      assertThat(cls(c, "placed", "src")).isNull();
    }
    fx.awaitLedgerEmpty();
  }

  @Test
  void aNoncurrentVersionTransitionMovesTheOldVersionAndKeepsTheCurrentOne() throws Exception {
    int leader = fx.cluster.awaitLeader();
    S3Client s3 = fx.client((leader + 2) % 3);
    s3.createBucket(b -> b.bucket("versioned"));
    s3.putBucketVersioning(
        b -> b.bucket("versioned").versioningConfiguration(v -> v.status("Enabled")));
    int remoteBefore = fx.remoteObjects("c1/");
    int[] before = new int[3];
    for (int i = 0; i < 3; i++) before[i] = fx.referencedChunks(i);
    byte[] old = bytes(300_000, 21);
    byte[] now = bytes(300_000, 22);
    String v1 =
        s3.putObject(b -> b.bucket("versioned").key("doc"), RequestBody.fromBytes(old)).versionId();
    String v2 =
        s3.putObject(b -> b.bucket("versioned").key("doc"), RequestBody.fromBytes(now)).versionId();
    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket("versioned")
                .lifecycleConfiguration(
                    c ->
                        c.rules(
                            LifecycleRule.builder()
                                .id("old-to-ir")
                                .status(ExpirationStatus.ENABLED)
                                .filter(LifecycleRuleFilter.builder().prefix("").build())
                                .noncurrentVersionTransitions(
                                    NoncurrentVersionTransition.builder()
                                        .noncurrentDays(1)
                                        .storageClass(TransitionStorageClass.GLACIER_IR)
                                        .build())
                                .build())));

    for (int i = 0; i < 3; i++) {
      S3Client c = fx.client(i);
      await(
          "v1 in GLACIER_IR on n" + (i + 1),
          () ->
              "GLACIER_IR"
                  .equals(
                      c.headObject(h -> h.bucket("versioned").key("doc").versionId(v1))
                          .storageClassAsString()));
    }
    assertThat(fx.remoteObjects("c1/")).isEqualTo(remoteBefore + 1);
    for (int i = 0; i < 3; i++) {
      int node = i;
      // one version's chunk (v2's, the same size as v1's) is still referenced: v2 stayed
      await(
          "n" + (i + 1) + " references v2's chunk only",
          () -> fx.referencedChunks(node) == before[node] + 1);
      S3Client c = fx.client(i);
      assertThat(
              c.headObject(h -> h.bucket("versioned").key("doc").versionId(v2))
                  .storageClassAsString())
          .isNull();
      assertThat(c.listObjectVersions(l -> l.bucket("versioned")).versions())
          .extracting(ObjectVersion::versionId, ObjectVersion::storageClassAsString)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(v1, "GLACIER_IR"),
              org.assertj.core.groups.Tuple.tuple(v2, "STANDARD"));
      assertThat(
              c.getObjectAsBytes(g -> g.bucket("versioned").key("doc").versionId(v1)).asByteArray())
          .isEqualTo(old);
      assertThat(c.getObjectAsBytes(g -> g.bucket("versioned").key("doc")).asByteArray())
          .isEqualTo(now);
    }
    fx.awaitLedgerEmpty();
  }

  private static void multipart(S3Client s3, String key, byte[]... parts) {
    String id =
        s3.createMultipartUpload(
                b -> b.bucket("placed").key(key).storageClass(StorageClass.GLACIER_IR))
            .uploadId();
    CompletedPart[] done = new CompletedPart[parts.length];
    for (int p = 0; p < parts.length; p++) {
      int n = p + 1;
      String etag =
          s3.uploadPart(
                  b -> b.bucket("placed").key(key).uploadId(id).partNumber(n),
                  RequestBody.fromBytes(parts[p]))
              .eTag();
      done[p] = CompletedPart.builder().partNumber(n).eTag(etag).build();
    }
    s3.completeMultipartUpload(
        b -> b.bucket("placed").key(key).uploadId(id).multipartUpload(m -> m.parts(done)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
