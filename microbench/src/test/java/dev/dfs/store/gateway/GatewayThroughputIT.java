package dev.dfs.store.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A measurement, not a test of speed (run only with {@code -Ddfs.perf=true}): one 1 GiB object PUT
 * and GET directly on s3proxy and through a gateway process capped at {@code -Xmx256m}, reporting
 * MB/s of each and the gateway's peak heap from its GC log. Asserts only that the bytes came back
 * and that the gateway never held the object (peak heap well under 1 GiB). Results go to stdout and
 * {@code target/gateway-throughput.txt}.
 */
@EnabledIfSystemProperty(named = "dfs.perf", matches = "true")
@Timeout(900)
class GatewayThroughputIT {
  private static final long SIZE = 1L << 30;
  private static final int ROUNDS = 2;

  @Test
  void oneGibibyteThroughTheGateway(@TempDir Path dir) throws Exception {
    StringBuilder report = new StringBuilder();
    try (S3ProxyProcess upstream =
            S3ProxyProcess.start(Files.createDirectories(dir.resolve("up")));
        GatewayProcess gw =
            GatewayProcess.start(
                Files.createDirectories(dir.resolve("gw")),
                upstream.endpoint(),
                S3ProxyProcess.ACCESS_KEY,
                S3ProxyProcess.SECRET_KEY,
                "256m");
        S3Client direct =
            client(upstream.endpoint(), S3ProxyProcess.ACCESS_KEY, S3ProxyProcess.SECRET_KEY);
        S3Client viaGateway =
            client(gw.endpoint(), GatewayProcess.ACCESS_KEY, GatewayProcess.SECRET_KEY)) {
      direct.createBucket(b -> b.bucket("direct"));
      viaGateway.createBucket(b -> b.bucket("viagw"));
      double[] d = {0, 0};
      double[] g = {0, 0};
      for (int round = 0; round < ROUNDS; round++) {
        d[0] = Math.max(d[0], put(direct, "direct"));
        g[0] = Math.max(g[0], put(viaGateway, "viagw"));
        d[1] = Math.max(d[1], get(direct, "direct"));
        g[1] = Math.max(g[1], get(viaGateway, "viagw"));
      }
      long peak = gw.peakHeapMiB();
      report.append(
          String.format(
              Locale.ROOT,
              "1 GiB PUT: direct %.0f MB/s, gateway %.0f MB/s (%.0f%%)%n"
                  + "1 GiB GET: direct %.0f MB/s, gateway %.0f MB/s (%.0f%%)%n"
                  + "gateway -Xmx256m: peak heap in use %d MiB over %d GCs (best of %d rounds)%n",
              d[0],
              g[0],
              100 * g[0] / d[0],
              d[1],
              g[1],
              100 * g[1] / d[1],
              peak,
              gw.gcCount(),
              ROUNDS));
      System.out.print(report);
      Files.writeString(Path.of("target", "gateway-throughput.txt"), report);
      assertThat(peak).isLessThan(256);
    }
  }

  private static double put(S3Client s3, String bucket) {
    long t0 = System.nanoTime();
    s3.putObject(
        b -> b.bucket(bucket).key("big"),
        RequestBody.fromContentProvider(
            () -> new Generated(SIZE), SIZE, "application/octet-stream"));
    return SIZE / 1e6 / ((System.nanoTime() - t0) / 1e9);
  }

  private static double get(S3Client s3, String bucket) throws IOException {
    long t0 = System.nanoTime();
    long n = 0;
    byte[] buf = new byte[256 * 1024];
    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key("big"))) {
      for (int r; (r = in.read(buf)) >= 0; ) n += r;
    }
    assertThat(n).isEqualTo(SIZE);
    return SIZE / 1e6 / ((System.nanoTime() - t0) / 1e9);
  }

  private static S3Client client(java.net.URI endpoint, String key, String secret) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(120)))
        .build();
  }

  /** {@code size} bytes of a repeated 1 MiB random block: costs no memory beyond the block. */
  private static final class Generated extends InputStream {
    private static final byte[] BLOCK = new byte[1 << 20];

    static {
      new Random(42).nextBytes(BLOCK);
    }

    private long remaining;
    private int pos;

    Generated(long size) {
      this.remaining = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) return -1;
      int n = (int) Math.min(Math.min(len, remaining), BLOCK.length - pos);
      System.arraycopy(BLOCK, pos, b, off, n);
      pos = (pos + n) % BLOCK.length;
      remaining -= n;
      return n;
    }
  }
}
