package dev.dfs.store.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code dfs server} with STORAGE_ENV=aws as a real process in front of s3proxy: the banner names
 * the upstream but never its secret, objects go through, buckets land upstream under the prefix,
 * and the upstream's credentials are worthless against DFS.
 */
@Timeout(120)
class GatewayProcessIT {
  @Test
  void gatewayServesWithDfsCredentialsOnly(@TempDir Path dir) throws Exception {
    try (S3ProxyProcess upstream =
            S3ProxyProcess.start(Files.createDirectories(dir.resolve("up")));
        GatewayProcess gw =
            GatewayProcess.start(
                Files.createDirectories(dir.resolve("gw")),
                upstream.endpoint(),
                S3ProxyProcess.ACCESS_KEY,
                S3ProxyProcess.SECRET_KEY,
                "256m");
        S3Client client = client(gw, GatewayProcess.ACCESS_KEY, GatewayProcess.SECRET_KEY);
        S3Client withUpstreamKeys =
            client(gw, S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY);
        S3Client direct =
            S3Client.builder()
                .endpointOverride(upstream.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(
                            S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY)))
                .build()) {
      String banner = gw.output();
      assertThat(banner)
          .contains("engine: gateway to " + upstream.endpoint())
          .contains("bucket prefix proc-")
          .doesNotContain(S3ProxyProcess.SECRET_KEY);

      client.createBucket(b -> b.bucket("photos"));
      client.putObject(b -> b.bucket("photos").key("a.txt"), RequestBody.fromString("hello"));
      assertThat(client.getObjectAsBytes(b -> b.bucket("photos").key("a.txt")).asUtf8String())
          .isEqualTo("hello");
      assertThat(direct.listBuckets().buckets()).extracting(b -> b.name()).contains("proc-photos");
      assertThat(direct.getObjectAsBytes(b -> b.bucket("proc-photos").key("a.txt")).asUtf8String())
          .isEqualTo("hello");

      assertThatThrownBy(() -> withUpstreamKeys.listBuckets())
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  private static S3Client client(GatewayProcess gw, String key, String secret) {
    return S3Client.builder()
        .endpointOverride(gw.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .build();
  }
}
