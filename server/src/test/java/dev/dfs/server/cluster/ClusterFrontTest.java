package dev.dfs.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.identity.NewAccessKey;
import dev.dfs.store.ClusterStatus.Role;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The cluster front without the cluster engine: three in-process servers on the local engine, each
 * dressed as a cluster node ({@link ClusteredStore}, {@link TestClusterView}); A leads, B and C
 * follow. Stores are not replicated, so where a write landed shows that it was forwarded: writes
 * through B must appear on A and not on B.
 */
class ClusterFrontTest {
  @TempDir static Path dir;
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final AtomicInteger BUCKETS = new AtomicInteger();

  static TestClusterView viewA = new TestClusterView("a");
  static TestClusterView viewB = new TestClusterView("b");
  static TestClusterView viewC = new TestClusterView("c");
  static DfsTestServer a;
  static DfsTestServer b;
  static DfsTestServer c;
  static S3Client onA;
  static S3Client viaB;

  @BeforeAll
  static void startThreeNodes() throws Exception {
    a = node(viewA, "a");
    b = node(viewB, "b");
    c = node(viewC, "c");
    var leader = TestClusterView.member("a", Role.LEADER, a.endpoint());
    for (TestClusterView v : List.of(viewA, viewB, viewC)) v.follow(leader);
    onA = a.client();
    viaB = b.client(ClusterFrontTest::noRetries);
  }

  static DfsTestServer node(TestClusterView view, String name) throws Exception {
    return DfsTestServer.start(ClusteredStore.of(LocalStore.open(dir.resolve(name)), view));
  }

  @AfterAll
  static void stop() throws Exception {
    for (DfsTestServer s : new DfsTestServer[] {a, b, c}) if (s != null) s.close();
  }

  /** Fails fast: a 503 must reach the test, not be retried away, and nothing may hang. */
  static void noRetries(S3ClientBuilder builder) {
    builder.overrideConfiguration(
        o ->
            o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofSeconds(20)));
  }

  static String newBucket() {
    return "front-" + BUCKETS.incrementAndGet();
  }

  /** A bucket created through B: it exists on A only. */
  static String bucketViaB() {
    String bucket = newBucket();
    viaB.createBucket(r -> r.bucket(bucket));
    return bucket;
  }

  @Test
  void createBucketThroughAFollowerLandsOnTheLeader() {
    long before = b.forwardedRequests();
    String bucket = bucketViaB();
    onA.headBucket(r -> r.bucket(bucket));
    S3Exception onB =
        catchThrowableOfType(S3Exception.class, () -> b.client().headBucket(r -> r.bucket(bucket)));
    assertThat(onB.statusCode()).isEqualTo(404);
    assertThat(b.forwardedRequests()).isEqualTo(before + 1);
  }

  @Test
  void putWithASignedPayloadAndExpectContinueIsForwarded() {
    String bucket = bucketViaB();
    S3Client signedPayload =
        b.client(
            builder -> {
              noRetries(builder);
              builder
                  .serviceConfiguration(
                      S3Configuration.builder().chunkedEncodingEnabled(false).build())
                  .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            });
    signedPayload.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("signed"));
    assertThat(onA.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asUtf8String())
        .isEqualTo("signed");
  }

  /**
   * The follower answers a small body's {@code 100-continue} itself and sends the leader headers
   * and body at once (the fake leader never sends a {@code 100}); the client's header travels
   * signed in {@code X-Dfs-Forwarded-Expect} instead.
   */
  @Test
  void aSmallPutExpectingContinueIsAnsweredByTheFollowerAndForwardedWhole() throws Exception {
    try (FakeLeader leader = new FakeLeader("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
      viewC.follow(TestClusterView.member("fake", Role.LEADER, leader.endpoint()));
      URI to = c.endpoint();
      putHelloExpectingContinue(to, "/any/k");
      String seen = leader.received(10);
      assertThat(seen).as("what the leader received").isNotNull();
      assertThat(seen.toLowerCase(java.util.Locale.ROOT))
          .doesNotContain("\r\nexpect:")
          .contains("\r\nx-dfs-forwarded-expect: 100-continue\r\n")
          .endsWith("\r\n\r\nhello");
    } finally {
      viewC.follow(TestClusterView.member("a", Role.LEADER, a.endpoint()));
    }
  }

  /**
   * A client whose SigV4 signature covers {@code Expect} (a follower answers it and forwards
   * without it) is still verified on the leader: the header comes back from the signed forwarding
   * headers.
   */
  @Test
  void aSignatureCoveringExpectVerifiesThroughAFollower() throws Exception {
    String bucket = bucketViaB();
    URI to = b.endpoint();
    String path = "/" + bucket + "/signed-expect";
    String query =
        new dev.dfs.s3.TestSigV4(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY)
            .presignedQuery(
                "PUT",
                path,
                java.util.Map.of(),
                java.util.Map.of("expect", "100-continue", "host", to.getAuthority()),
                List.of("expect", "host"),
                java.time.Instant.now(),
                300);
    putHelloExpectingContinue(to, path + "?" + query);
    assertThat(onA.getObjectAsBytes(r -> r.bucket(bucket).key("signed-expect")).asUtf8String())
        .isEqualTo("hello");
  }

  /**
   * Sends {@code PUT target} with {@code Expect: 100-continue} and the body "hello" over a raw
   * socket (the SDK hides the interim answer): asserts the interim {@code 100}, then a 200.
   */
  private static void putHelloExpectingContinue(URI to, String target) throws Exception {
    var ascii = java.nio.charset.StandardCharsets.US_ASCII;
    try (java.net.Socket s = new java.net.Socket(to.getHost(), to.getPort())) {
      s.setSoTimeout(20_000);
      var out = s.getOutputStream();
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), ascii));
      out.write(
          ("PUT "
                  + target
                  + " HTTP/1.1\r\nHost: "
                  + to.getAuthority()
                  + "\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
              .getBytes(ascii));
      out.flush();
      assertThat(in.readLine()).as("the interim answer").startsWith("HTTP/1.1 100");
      assertThat(in.readLine()).isEmpty();
      out.write("hello".getBytes(ascii));
      out.flush();
      assertThat(in.readLine()).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void putWithAStreamingAwsChunkedBodyIsForwarded() {
    String bucket = bucketViaB();
    // SDK defaults over plain HTTP: aws-chunked, signed chunks, a trailing CRC32 checksum
    viaB.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("x".repeat(200_000)));
    assertThat(onA.getObjectAsBytes(r -> r.bucket(bucket).key("k")).asUtf8String())
        .hasSize(200_000);
  }

  @Test
  void oddKeysTravelByteForByte() {
    String bucket = bucketViaB();
    String key = "dir/a b+c%2Fd~!*'()é[x]&=?;:@$,.txt";
    viaB.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("odd"));
    assertThat(onA.listObjectsV2(r -> r.bucket(bucket)).contents())
        .extracting(o -> o.key())
        .containsExactly(key);
  }

  @Test
  void multipartUploadThroughAFollowerCompletesOnTheLeader() {
    String bucket = bucketViaB();
    String id = viaB.createMultipartUpload(r -> r.bucket(bucket).key("mp")).uploadId();
    byte[] part = new byte[5 * 1024 * 1024];
    String e1 =
        viaB.uploadPart(
                r -> r.bucket(bucket).key("mp").uploadId(id).partNumber(1),
                RequestBody.fromBytes(part))
            .eTag();
    String e2 =
        viaB.uploadPart(
                r -> r.bucket(bucket).key("mp").uploadId(id).partNumber(2),
                RequestBody.fromString("tail"))
            .eTag();
    viaB.completeMultipartUpload(
        r ->
            r.bucket(bucket)
                .key("mp")
                .uploadId(id)
                .multipartUpload(
                    m ->
                        m.parts(
                            CompletedPart.builder().partNumber(1).eTag(e1).build(),
                            CompletedPart.builder().partNumber(2).eTag(e2).build())));
    assertThat(onA.headObject(r -> r.bucket(bucket).key("mp")).contentLength())
        .isEqualTo(part.length + 4);
  }

  @Test
  void deleteObjectsThroughAFollowerDeletesOnTheLeader() {
    String bucket = bucketViaB();
    for (String k : List.of("x", "y", "z")) {
      onA.putObject(r -> r.bucket(bucket).key(k), RequestBody.fromString(k));
    }
    var result =
        viaB.deleteObjects(
            r ->
                r.bucket(bucket)
                    .delete(
                        d ->
                            d.objects(
                                ObjectIdentifier.builder().key("x").build(),
                                ObjectIdentifier.builder().key("y").build())));
    assertThat(result.deleted()).hasSize(2);
    assertThat(onA.listObjectsV2(r -> r.bucket(bucket)).contents())
        .extracting(o -> o.key())
        .containsExactly("z");
  }

  @Test
  void bucketPolicyThroughAFollowerIsSetOnTheLeader() {
    String bucket = bucketViaB();
    String policy =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*",\
        "Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::%s"}]}"""
            .formatted(bucket);
    viaB.putBucketPolicy(r -> r.bucket(bucket).policy(policy));
    assertThat(onA.getBucketPolicy(r -> r.bucket(bucket)).policy()).contains("s3:DeleteBucket");
  }

  @Test
  void aManagementWriteThroughAFollowerLandsOnTheLeader() throws Exception {
    HttpResponse<String> r = admin(b, "POST", "/api/v1/users", "{\"name\":\"carol\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(a.identities().user("carol")).isPresent();
    assertThat(b.identities().user("carol")).isEmpty();
  }

  @Test
  void aMembershipChangeThroughAFollowerIsServedThereNotForwarded() throws Exception {
    // the cluster's admin hands membership changes to the leader itself; forwarded, a
    // transfer of leadership would cut off its own answer when the leader changes
    long before = viewB.forwarded.get();
    HttpResponse<String> r = admin(b, "POST", "/api/v1/cluster/transfer-leader", null);
    assertThat(viewB.forwarded.get()).isEqualTo(before);
    // B's own management API answered: this test view offers no cluster admin
    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    assertThat(r.body()).contains("NotACluster");
  }

  @Test
  void readsPassTheBarrierOnceAndHealthSkipsIt() throws Exception {
    int before = viewB.barriers.get();
    viaB.listBuckets();
    assertThat(viewB.barriers.get()).isEqualTo(before + 1);
    assertThat(admin(b, "GET", "/api/v1/buckets", null).statusCode()).isEqualTo(200);
    assertThat(viewB.barriers.get()).isEqualTo(before + 2);
    assertThat(admin(b, "GET", "/api/v1/health", null).statusCode()).isEqualTo(200);
    assertThat(admin(b, "GET", "/api/v1/openapi.json", null).statusCode()).isEqualTo(200);
    assertThat(viewB.barriers.get()).isEqualTo(before + 2);
  }

  @Test
  void aFailedBarrierIsA503() throws Exception {
    viewC.failBarrier(true);
    try {
      S3Client viaC = c.client(ClusterFrontTest::noRetries);
      S3Exception e = catchThrowableOfType(S3Exception.class, viaC::listBuckets);
      assertUnavailable(e);
      HttpResponse<String> api = admin(c, "GET", "/api/v1/buckets", null);
      assertThat(api.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(api.body()).get("code").asText()).isEqualTo("ServiceUnavailable");
      assertThat(admin(c, "GET", "/api/v1/health", null).statusCode()).isEqualTo(200);
    } finally {
      viewC.failBarrier(false);
    }
  }

  @Test
  void withoutALeaderWritesAre503() throws Exception {
    viewC.noLeader();
    try {
      S3Client viaC = c.client(ClusterFrontTest::noRetries);
      S3Exception e =
          catchThrowableOfType(
              S3Exception.class, () -> viaC.createBucket(r -> r.bucket(newBucket())));
      assertUnavailable(e);
      assertThat(e.awsErrorDetails().errorMessage()).contains("no leader");
      HttpResponse<String> api = admin(c, "POST", "/api/v1/users", "{\"name\":\"dave\"}");
      assertThat(api.statusCode()).isEqualTo(503);
      assertThat(api.headers().firstValue("Retry-After")).isPresent();
      JsonNode body = JSON.readTree(api.body());
      assertThat(body.get("code").asText()).isEqualTo("ServiceUnavailable");
      assertThat(body.get("requestId").asText()).isNotEmpty();
    } finally {
      viewC.follow(TestClusterView.member("a", Role.LEADER, a.endpoint()));
    }
  }

  @Test
  void aStoppedLeaderIsA503() throws Exception {
    TestClusterView leaderView = new TestClusterView("d");
    TestClusterView followerView = new TestClusterView("e");
    DfsTestServer d = node(leaderView, "d");
    try (DfsTestServer e = node(followerView, "e")) {
      var leader = TestClusterView.member("d", Role.LEADER, d.endpoint());
      leaderView.follow(leader);
      followerView.follow(leader);
      S3Client viaE = e.client(ClusterFrontTest::noRetries);
      viaE.createBucket(r -> r.bucket("before-stop"));
      d.close();
      S3Exception refused =
          catchThrowableOfType(
              S3Exception.class,
              () ->
                  viaE.putObject(
                      r -> r.bucket("before-stop").key("k"), RequestBody.fromString("v")));
      assertUnavailable(refused);
      assertThat(refused.awsErrorDetails().errorMessage()).contains("cannot be reached");
    } finally {
      d.close();
    }
  }

  @Test
  void aForwardedWriteReachingAFollowerIs503NotForwardedAgain() throws Exception {
    String bucket = bucketViaB();
    long before = c.forwardedRequests();
    URL url =
        presignedPut(c.endpoint(), bucket, "k", DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY);
    HttpResponse<String> r = HTTP.send(withForwarding(url, "127.0.0.1", true), ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.body()).contains("<Code>ServiceUnavailable</Code>");
    assertThat(c.forwardedRequests()).isEqualTo(before);
  }

  @Test
  void onlyAPeerSignatureMakesTheLeaderTrustAForwardedAddress() throws Exception {
    String bucket = newBucket();
    onA.createBucket(r -> r.bucket(bucket));
    a.identities()
        .addUser(
            "ipuser",
            """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject",\
        "Resource":"arn:aws:s3:::%s/*"}]}"""
                .formatted(bucket));
    NewAccessKey key = a.identities().createAccessKey("ipuser");
    onA.putBucketPolicy(
        r ->
            r.bucket(bucket)
                .policy(
                    """
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*",\
        "Action":"s3:PutObject","Resource":"arn:aws:s3:::%s/*",\
        "Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.7/32"}}}]}"""
                        .formatted(bucket)));
    String id = key.key().accessKeyId();
    String secret = key.secretKey();

    URL toA = presignedPut(a.endpoint(), bucket, "k", id, secret);
    assertThat(HTTP.send(withForwarding(toA, "203.0.113.7", true), ofString()).statusCode())
        .as("a peer's signature: the client is 203.0.113.7, denied")
        .isEqualTo(403);
    assertThat(HTTP.send(withForwarding(toA, "203.0.113.7", false), ofString()).statusCode())
        .as("a forged signature is ignored")
        .isEqualTo(200);
    URL toB = presignedPut(b.endpoint(), bucket, "k", id, secret);
    assertThat(HTTP.send(withForwarding(toB, "203.0.113.7", false), ofString()).statusCode())
        .as("through B the client's own address is forwarded")
        .isEqualTo(200);
    assertThat(HTTP.send(withForwarding(toA, "203.0.113.7", true, 60_000), ofString()).statusCode())
        .as("a peer's signature a minute old is ignored")
        .isEqualTo(200);
    HttpRequest expectAdded =
        HttpRequest.newBuilder(withForwarding(toA, "203.0.113.7", true), (n, v) -> true)
            .header(ForwardedFor.EXPECT, "100-continue")
            .build();
    assertThat(HTTP.send(expectAdded, ofString()).statusCode())
        .as("a peer's signature does not cover an Expect header someone added")
        .isEqualTo(200);
  }

  @Test
  void aChunkedBodyWithoutLengthIsStreamedToTheLeader() throws Exception {
    String bucket = bucketViaB();
    URL url =
        presignedPut(b.endpoint(), bucket, "k", DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY);
    long before = b.forwardedRequests();
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(url.toURI())
                .PUT(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[70_000])))
                .build(),
            ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(b.forwardedRequests()).as("the leader answered").isEqualTo(before + 1);
    assertThat(onA.headObject(h -> h.bucket(bucket).key("k")).contentLength())
        .as("stored on the leader, whole")
        .isEqualTo(70_000L);
  }

  @Test
  void aLargePutStreamsThroughAFollowerWithoutBuffering() throws Exception {
    String bucket = bucketViaB();
    long size = 300L * 1024 * 1024;
    HeapProbe probe = new HeapProbe(250L * 1024 * 1024);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    // bounded, but generous: the machine running the tests may be busy
    S3Client patient =
        b.client(
            builder ->
                builder.overrideConfiguration(
                    o ->
                        o.retryStrategy(
                                software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
                            .apiCallTimeout(Duration.ofMinutes(5))));
    patient.putObject(
        r -> r.bucket(bucket).key("big"),
        RequestBody.fromContentProvider(
            () -> probe.watch(new PatternStream(size, md5)), size, "application/octet-stream"));
    assertThat(probe.grownBytes())
        .as("heap grown while 250 MiB were in flight")
        .isLessThan(100L * 1024 * 1024);
    var head = onA.headObject(r -> r.bucket(bucket).key("big"));
    assertThat(head.contentLength()).isEqualTo(size);
    assertThat(head.eTag()).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest()) + "\"");
  }

  @Test
  void aLeaderThatHangsUpBeforeAnsweringIsA503() throws Exception {
    try (FakeLeader leader = new FakeLeader("")) {
      viewC.follow(TestClusterView.member("fake", Role.LEADER, leader.endpoint()));
      S3Exception e =
          catchThrowableOfType(
              S3Exception.class,
              () ->
                  c.client(ClusterFrontTest::noRetries)
                      .putObject(r -> r.bucket("any").key("k"), RequestBody.fromString("v")));
      assertUnavailable(e);
    } finally {
      viewC.follow(TestClusterView.member("a", Role.LEADER, a.endpoint()));
    }
  }

  /**
   * A stopped leader (its kernel still accepts connections: a socket that never accepts is the
   * same) is abandoned once the view names another leader, instead of after the proxy's 30 s idle
   * timeout (the client's 20 s call timeout would end the test first).
   */
  @Test
  void aLeaderThatStopsAnsweringIsA503OnceAnotherIsElected() throws Exception {
    try (java.net.ServerSocket stopped =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      viewC.follow(
          TestClusterView.member(
              "stopped", Role.LEADER, URI.create("http://127.0.0.1:" + stopped.getLocalPort())));
      S3Client viaC = c.client(ClusterFrontTest::noRetries);
      var put =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  catchThrowableOfType(
                      S3Exception.class,
                      () ->
                          viaC.putObject(
                              r -> r.bucket("any").key("k"), RequestBody.fromString("v"))));
      Thread.sleep(1_000); // the request waits on the stopped leader
      viewC.follow(TestClusterView.member("a", Role.LEADER, a.endpoint())); // elected meanwhile
      S3Exception e = put.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertUnavailable(e);
      assertThat(e.awsErrorDetails().errorMessage()).contains("leader changed");
    } finally {
      viewC.follow(TestClusterView.member("a", Role.LEADER, a.endpoint()));
    }
  }

  @Test
  void aLeaderAnswerCutShortAbortsTheClientConnection() throws Exception {
    try (FakeLeader leader =
        new FakeLeader(
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n0123456789")) {
      viewC.follow(TestClusterView.member("fake", Role.LEADER, leader.endpoint()));
      Throwable cut =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  HTTP.send(
                      HttpRequest.newBuilder(URI.create(c.endpoint() + "/any/k"))
                          .timeout(Duration.ofSeconds(20))
                          .PUT(HttpRequest.BodyPublishers.ofString("v"))
                          .build(),
                      ofString()));
      assertThat(cut)
          .as("a cut answer must not look whole")
          .isInstanceOf(java.io.IOException.class)
          .isNotInstanceOf(java.net.http.HttpTimeoutException.class);
    } finally {
      viewC.follow(TestClusterView.member("a", Role.LEADER, a.endpoint()));
    }
  }

  // --- helpers ---

  static void assertUnavailable(S3Exception e) {
    assertThat(e).as("expected a 503").isNotNull();
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
    assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After"))
        .isPresent();
  }

  static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  static HttpResponse<String> admin(DfsTestServer node, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(node.endpoint() + path))
            .header("X-Api-Key", DfsTestServer.API_KEY)
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) r.header("Content-Type", "application/json");
    return HTTP.send(r.build(), ofString());
  }

  static URL presignedPut(URI endpoint, String bucket, String key, String id, String secret) {
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
            .build()) {
      return presigner
          .presignPutObject(
              p ->
                  p.signatureDuration(Duration.ofMinutes(5))
                      .putObjectRequest(o -> o.bucket(bucket).key(key)))
          .url();
    }
  }

  /** A PUT of "v" to {@code url} claiming to be forwarded for {@code client}. */
  static HttpRequest withForwarding(URL url, String client, boolean validSignature)
      throws Exception {
    return withForwarding(url, client, validSignature, 0);
  }

  /** The same, signed {@code ageMillis} ago. */
  static HttpRequest withForwarding(URL url, String client, boolean validSignature, long ageMillis)
      throws Exception {
    String at = Long.toString(System.currentTimeMillis() - ageMillis);
    String pathQuery = url.getPath() + "?" + url.getQuery();
    String canonical = ForwardedFor.canonical("PUT", pathQuery, client, "http", at, "");
    String signature =
        validSignature
            ? TestClusterView.sign(TestClusterView.SECRET, canonical)
            : TestClusterView.sign(
                "not-the-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), canonical);
    return HttpRequest.newBuilder(url.toURI())
        .header(ForwardedFor.FOR, client)
        .header(ForwardedFor.PROTO, "http")
        .header(ForwardedFor.AT, at)
        .header(ForwardedFor.SIGNATURE, signature)
        .timeout(Duration.ofSeconds(20))
        .PUT(HttpRequest.BodyPublishers.ofString("v"))
        .build();
  }

  /** Deterministic bytes of a given length, digested as they are read. */
  static final class PatternStream extends InputStream {
    private final long size;
    private final MessageDigest digest;
    private long pos;

    PatternStream(long size, MessageDigest digest) {
      this.size = size;
      this.digest = digest;
      digest.reset();
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) return -1;
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) b[off + i] = (byte) ((pos + i) * 31 >>> 3);
      digest.update(b, off, n);
      pos += n;
      return n;
    }
  }

  /**
   * Measures the live heap (after a full GC) before a body is read and once {@code at} bytes of it
   * were read: a forwarder that buffered the body would hold them all.
   */
  static final class HeapProbe {
    private final long at;
    private long baseline = -1;
    private volatile long grown = -1;

    HeapProbe(long at) {
      this.at = at;
    }

    InputStream watch(InputStream in) {
      baseline = liveHeap();
      return new java.io.FilterInputStream(in) {
        long read;

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
          int n = super.read(b, off, len);
          if (n > 0 && read < at && read + n >= at) grown = liveHeap() - baseline;
          if (n > 0) read += n;
          return n;
        }
      };
    }

    long grownBytes() {
      assertThat(grown).as("the probe point was reached").isGreaterThanOrEqualTo(-Long.MAX_VALUE);
      return grown;
    }

    private static long liveHeap() {
      System.gc();
      Runtime rt = Runtime.getRuntime();
      return rt.totalMemory() - rt.freeMemory();
    }
  }
}
