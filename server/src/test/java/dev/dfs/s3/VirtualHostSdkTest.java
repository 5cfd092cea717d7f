package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.net.InetAddress;
import java.net.URI;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Virtual-host-style addressing end to end: the SDK (not forced to path style) sends {@code
 * bucket.s3.dfs.test:port/key}; every such name resolves to 127.0.0.1 through the HTTP client's
 * resolver, so no DNS is needed. Path style keeps working beside it.
 */
class VirtualHostSdkTest {
  static final String DOMAIN = "s3.dfs.test";

  @RegisterExtension
  static final DfsServerExtension DFS = DfsServerExtension.local().domain(DOMAIN);

  static S3Client vhost;
  static S3Client path;

  @BeforeAll
  static void start() throws Exception {
    vhost =
        DFS.server()
            .client(
                b ->
                    b.forcePathStyle(false)
                        .endpointOverride(
                            URI.create("http://" + DOMAIN + ":" + DFS.server().port()))
                        .httpClientBuilder(
                            Apache5HttpClient.builder()
                                .dnsResolver(
                                    new SystemDefaultDnsResolver() {
                                      @Override
                                      public InetAddress[] resolve(String host) {
                                        return new InetAddress[] {InetAddress.getLoopbackAddress()};
                                      }
                                    })));
    path = DFS.client();
  }

  @Test
  void bucketInTheHostName() {
    vhost.createBucket(b -> b.bucket("vhost-bucket"));
    vhost.putObject(
        b -> b.bucket("vhost-bucket").key("dir/a b+c.txt"), RequestBody.fromString("hello"));
    assertThat(
            vhost
                .getObjectAsBytes(b -> b.bucket("vhost-bucket").key("dir/a b+c.txt"))
                .asUtf8String())
        .isEqualTo("hello");
    assertThat(vhost.listObjectsV2(b -> b.bucket("vhost-bucket")).contents())
        .extracting(S3Object::key)
        .containsExactly("dir/a b+c.txt");
    // The same object through path style.
    assertThat(
            path.getObjectAsBytes(b -> b.bucket("vhost-bucket").key("dir/a b+c.txt"))
                .asUtf8String())
        .isEqualTo("hello");
  }

  @Test
  void objectKeysUnderApiV1AreObjectsInVirtualHostStyle() {
    vhost.createBucket(b -> b.bucket("vhost-api"));
    vhost.putObject(b -> b.bucket("vhost-api").key("api/v1/health"), RequestBody.fromString("x"));
    assertThat(
            vhost.getObjectAsBytes(b -> b.bucket("vhost-api").key("api/v1/health")).asUtf8String())
        .isEqualTo("x");
  }
}
