package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Proves encryption at rest on disk: recognisable plaintexts written with SSE-S3, SSE-C and the
 * bucket default (large ones in chunk files, small ones inline in RocksDB) appear in no file under
 * the data directory, while the same kind of plaintext written without encryption is found, so the
 * search can fail.
 */
class SseAtRestSdkTest {
  @TempDir Path dataDir;

  /** Lines "MARKER-<n>" so compression cannot hide every occurrence. */
  private static byte[] plaintext(String marker, int bytes) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; b.length() < bytes; i++) b.append(marker).append('-').append(i).append('\n');
    return b.substring(0, bytes).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void noPlaintextOfEncryptedObjectsIsOnDisk() throws Exception {
    byte[] key = SdkTestSupport.randomBytes(32, 9);
    String keyB64 = Base64.getEncoder().encodeToString(key);
    String keyMd5 =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
    try (DfsTestServer server = DfsTestServer.start(dataDir)) {
      S3Client s3 = server.client();
      s3.createBucket(b -> b.bucket("rest"));
      s3.createBucket(b -> b.bucket("rest-default"));
      s3.putBucketEncryption(
          b ->
              b.bucket("rest-default")
                  .serverSideEncryptionConfiguration(
                      c ->
                          c.rules(
                              r ->
                                  r.applyServerSideEncryptionByDefault(
                                      d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
      for (int size : new int[] {40, 300_000}) {
        String n = Integer.toString(size);
        s3.putObject(
            b -> b.bucket("rest").key("s3-" + n).serverSideEncryption(ServerSideEncryption.AES256),
            RequestBody.fromBytes(plaintext("SECRETSSES3", size)));
        s3.putObject(
            b ->
                b.bucket("rest")
                    .key("c-" + n)
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(keyB64)
                    .sseCustomerKeyMD5(keyMd5),
            RequestBody.fromBytes(plaintext("SECRETSSEC", size)));
        s3.putObject(
            b -> b.bucket("rest-default").key("d-" + n),
            RequestBody.fromBytes(plaintext("SECRETDEFAULT", size)));
        s3.putObject(
            b -> b.bucket("rest").key("plain-" + n),
            RequestBody.fromBytes(plaintext("CONTROLPLAIN" + n, size)));
      }
      // the reads work, so the data really is there
      assertThat(s3.getObjectAsBytes(b -> b.bucket("rest").key("s3-40")).asByteArray())
          .isEqualTo(plaintext("SECRETSSES3", 40));
      List<Path> files = files(dataDir);
      assertThat(files).anyMatch(p -> p.toString().contains("chunks"));
      assertThat(files).anyMatch(p -> p.toString().contains("meta"));
      assertThat(containing(files, "CONTROLPLAIN40-0"))
          .as("inline control in RocksDB")
          .isNotEmpty();
      assertThat(containing(files, "CONTROLPLAIN300000-0"))
          .as("chunk control")
          .anyMatch(p -> p.toString().contains("chunks"));
      for (String secret : List.of("SECRETSSES3", "SECRETSSEC", "SECRETDEFAULT")) {
        assertThat(containing(files, secret)).as(secret).isEmpty();
      }
    }
    // after a clean shutdown (RocksDB flushed) nothing appeared either
    List<Path> files = files(dataDir);
    for (String secret : List.of("SECRETSSES3", "SECRETSSEC", "SECRETDEFAULT")) {
      assertThat(containing(files, secret)).as(secret).isEmpty();
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  private static List<Path> containing(List<Path> files, String needle) throws IOException {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    List<Path> out = new ArrayList<>();
    for (Path f : files) {
      byte[] data;
      try {
        data = Files.readAllBytes(f);
      } catch (java.nio.file.NoSuchFileException e) {
        continue; // RocksDB rotated it meanwhile
      }
      if (indexOf(data, n) >= 0) out.add(f);
    }
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
