package dev.dfs.cli;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * What {@code dfs admin} does over S3 rather than the management API, signed with S3 credentials
 * ({@link AdminOptions#s3Credentials}): create a bucket (so it gets exactly what CreateBucket gives
 * it: owner, ownership controls) and presign URLs. Path-style addressing at the management
 * endpoint, in the server's region. Not thread-safe; one per command.
 */
final class AdminS3 implements AutoCloseable {
  /** SigV4 presigned URLs live at most a week. */
  static final Duration MAX_PRESIGN = Duration.ofDays(7);

  private final URI endpoint;
  private final Region region;
  private final StaticCredentialsProvider credentials;
  private final AdminTls tls;
  private @Nullable S3Client client;

  AdminS3(URI endpoint, String region, String[] credentials, AdminTls tls) {
    this.endpoint = endpoint;
    this.region = Region.of(region);
    this.credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(credentials[0], credentials[1]));
    this.tls = tls;
  }

  /** Creates {@code bucket}; the server's S3 error as an AdminFailure. */
  void createBucket(String bucket) {
    try {
      client().createBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      throw new AdminFailure(
          e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
    } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
      throw new AdminFailure("request to " + endpoint + " failed: " + e.getMessage());
    }
  }

  /** A presigned GET ({@code upload} false) or PUT URL of {@code bucket/key}. */
  URI presign(String bucket, String key, Duration expires, boolean upload) {
    if (expires.isNegative() || expires.isZero() || expires.compareTo(MAX_PRESIGN) > 0) {
      throw new AdminFailure("--expires must be more than 0 and at most 7d (SigV4's limit)");
    }
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build()) {
      var url =
          upload
              ? presigner
                  .presignPutObject(
                      p ->
                          p.signatureDuration(expires)
                              .putObjectRequest(o -> o.bucket(bucket).key(key)))
                  .url()
              : presigner
                  .presignGetObject(
                      p ->
                          p.signatureDuration(expires)
                              .getObjectRequest(o -> o.bucket(bucket).key(key)))
                  .url();
      return URI.create(url.toString());
    }
  }

  private S3Client client() {
    if (client == null) {
      client =
          S3Client.builder()
              .endpointOverride(endpoint)
              .region(region)
              .credentialsProvider(credentials)
              .httpClient(http())
              .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
              .build();
    }
    return client;
  }

  private SdkHttpClient http() {
    Apache5HttpClient.Builder b = Apache5HttpClient.builder();
    if (tls.trustAll()) {
      return b.buildWithDefaults(
          AttributeMap.builder()
              .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true)
              .build());
    }
    if (tls.trustManagers() != null) b.tlsTrustManagersProvider(tls::trustManagers);
    return b.build();
  }

  @Override
  public void close() {
    if (client != null) client.close();
  }
}
