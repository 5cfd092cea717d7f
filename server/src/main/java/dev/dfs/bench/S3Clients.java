package dev.dfs.bench;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the one S3 client a run shares between all its threads. */
final class S3Clients {
  private S3Clients() {}

  static S3Client create(BenchConfig c) {
    Apache5HttpClient.Builder http =
        Apache5HttpClient.builder()
            // the measured phase runs exactly `concurrency` threads; prefill and cleanup may run
            // more
            .maxConnections(Math.max(c.concurrency(), c.prefillConcurrency()))
            .connectionTimeout(Duration.ofSeconds(10))
            .connectionAcquisitionTimeout(c.timeout())
            .socketTimeout(c.timeout())
            .tcpKeepAlive(true);
    boolean required = c.checksums() == BenchConfig.Checksums.WHEN_REQUIRED;
    return S3Client.builder()
        .httpClientBuilder(http)
        .endpointOverride(c.endpoint())
        .region(Region.of(c.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(c.accessKey(), c.secretKey())))
        .forcePathStyle(c.pathStyle())
        .requestChecksumCalculation(
            required
                ? RequestChecksumCalculation.WHEN_REQUIRED
                : RequestChecksumCalculation.WHEN_SUPPORTED)
        .responseChecksumValidation(
            required
                ? ResponseChecksumValidation.WHEN_REQUIRED
                : ResponseChecksumValidation.WHEN_SUPPORTED)
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                    c.retries() == 0
                        ? AwsRetryStrategy.doNotRetry()
                        : AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(c.retries() + 1)
                            .build()))
        .build();
  }
}
