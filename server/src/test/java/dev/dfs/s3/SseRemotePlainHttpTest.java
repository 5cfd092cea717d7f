package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.Credential;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.server.DfsServer;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-C keys are refused over plain HTTP from a non-loopback address (400 InvalidRequest, as S3
 * refuses them without TLS); SSE-S3 needs no secret in the request and works.
 */
class SseRemotePlainHttpTest {
  @TempDir Path dir;

  private static InetAddress nonLoopback() throws Exception {
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nif.isUp() || nif.isLoopback()) continue;
      for (InetAddress a : Collections.list(nif.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) return a;
      }
    }
    return null;
  }

  @Test
  void customerKeysNeedTlsOrLoopback() throws Exception {
    InetAddress address = nonLoopback();
    assumeTrue(address != null, "no non-loopback IPv4 address on this machine");
    StaticCredentialStore credentials =
        new StaticCredentialStore(
            List.of(new Credential("root", DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY)),
            Map.of());
    DfsServer server =
        new DfsServer(
            address.getHostAddress(),
            0,
            1_000,
            LocalStore.open(dir),
            new SigV4Authenticator(credentials, Clock.systemUTC(), false),
            new S3Settings("us-east-1", null).withMasterKey(DfsTestServer.TEST_MASTER_KEY),
            ManagementSettings.defaults(),
            false);
    server.start();
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(
                URI.create("http://" + address.getHostAddress() + ":" + server.port()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY)))
            .build()) {
      s3.createBucket(b -> b.bucket("remote"));
      byte[] key = new byte[32];
      String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
      expectError(
          400,
          "InvalidRequest",
          () ->
              s3.putObject(
                  b ->
                      b.bucket("remote")
                          .key("c")
                          .sseCustomerAlgorithm("AES256")
                          .sseCustomerKey(Base64.getEncoder().encodeToString(key))
                          .sseCustomerKeyMD5(md5),
                  RequestBody.fromString("x")));
      s3.putObject(
          b -> b.bucket("remote").key("s").serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromString("x"));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("remote").key("s")).asUtf8String())
          .isEqualTo("x");
    } finally {
      server.stop();
    }
  }
}
