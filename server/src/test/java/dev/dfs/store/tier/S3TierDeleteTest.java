package dev.dfs.store.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Freeing a copy in an S3 tier (another DFS as the remote) leaves nothing of it there: the object,
 * and the open multipart upload a large write cut short left under the same key (its parts would be
 * kept, and billed, until aborted), while another key's upload stays.
 */
class S3TierDeleteTest {
  @TempDir Path dir;

  @Test
  void deleteAbortsTheUnfinishedUploadOfItsKeyOnly() throws Exception {
    try (DfsTestServer remote = DfsTestServer.start(dir.resolve("remote"));
        S3Client s3 = remote.client()) {
      s3.createBucket(b -> b.bucket("cold"));
      TierDefinition def =
          new TierDefinition(
              "mp",
              TierDefinition.Kind.S3,
              List.of("STANDARD_IA"),
              null,
              null,
              remote.endpoint().toString(),
              "cold",
              "site/",
              "us-east-1",
              DfsTestServer.ACCESS_KEY,
              DfsTestServer.SECRET_KEY);
      String cut = "ab/" + "0".repeat(32);
      String other = "cd/" + "1".repeat(32);
      String done = "ef/" + "2".repeat(32);
      try (S3Tier tier = new S3Tier(def)) {
        tier.write(done, new java.io.ByteArrayInputStream(new byte[1000]), 1000);
        // what a process killed in the middle of a multipart write leaves behind
        for (String k : List.of(cut, other)) {
          String id = s3.createMultipartUpload(b -> b.bucket("cold").key("site/" + k)).uploadId();
          s3.uploadPart(
              b -> b.bucket("cold").key("site/" + k).uploadId(id).partNumber(1),
              RequestBody.fromBytes(new byte[5 << 20]));
        }

        tier.delete(cut);
        tier.delete(done);

        assertThat(s3.listMultipartUploads(l -> l.bucket("cold")).uploads())
            .extracting(u -> u.key())
            .containsExactly("site/" + other);
        assertThat(s3.listObjectsV2(l -> l.bucket("cold")).contents()).isEmpty();
        tier.delete(cut); // again: nothing left, no error
      }
    }
  }
}
