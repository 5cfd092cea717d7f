package dev.dfs.store.gateway;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the one upstream {@link S3Client} a gateway uses: a pooled Apache HTTP client with connect
 * and read timeouts, the SDK's standard retry strategy (exponential backoff with jitter on
 * throttling, 5xx and I/O errors), and checksums computed only when DFS asks for them (so the
 * upstream stores exactly the checksums a client asked for, as the local engine does). The client
 * is thread-safe.
 */
final class UpstreamClients {
  private UpstreamClients() {}

  static S3Client build(GatewayOptions o) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(o.region()))
            .credentialsProvider(credentials(o))
            .forcePathStyle(o.pathStyle())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .maxConnections(o.maxConnections())
                    .connectionTimeout(o.connectTimeout())
                    .socketTimeout(o.readTimeout())
                    .connectionAcquisitionTimeout(o.readTimeout())
                    .tcpKeepAlive(true))
            .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(o.maxAttempts())));
    if (o.endpoint() != null) builder.endpointOverride(o.endpoint());
    return builder.build();
  }

  /** Static keys when given (with the session token if any), else the default chain. */
  private static AwsCredentialsProvider credentials(GatewayOptions o) {
    if (o.accessKey() == null) return DefaultCredentialsProvider.builder().build();
    return StaticCredentialsProvider.create(
        o.sessionToken() == null
            ? AwsBasicCredentials.create(o.accessKey(), o.secretKey())
            : AwsSessionCredentials.create(o.accessKey(), o.secretKey(), o.sessionToken()));
  }
}
