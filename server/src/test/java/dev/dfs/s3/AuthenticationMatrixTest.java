package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.identity.KeyStatus;
import dev.dfs.identity.NewAccessKey;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Who may do what, attacked from every side S3 authentication has, against an in-process server:
 * unsigned and tampered requests, replays with changed headers or bodies, presigned URL misuse,
 * clock skew, other users' buckets, disabled and deleted keys, the admin API with a user key, and
 * aws-chunked bodies with forged signatures or lying lengths. Requests the AWS SDK can express go
 * through it; the rest are signed by {@link TestSigV4} and sent byte for byte by {@link RawSocket}.
 * Every case checks the exact S3 error code and status, and that nothing was stored.
 */
class AuthenticationMatrixTest {
  private static final String BUCKET = "matrix";
  private static final byte[] BODY = "the signed body".getBytes(StandardCharsets.UTF_8);
  private static final byte[] FORGED = "the forged body".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client root;
  static RawSocket raw;
  static TestSigV4 rootSigner;

  @BeforeAll
  static void start() throws Exception {
    root = DFS.server().client();
    root.createBucket(b -> b.bucket(BUCKET));
    root.putObject(b -> b.bucket(BUCKET).key("secret"), RequestBody.fromString("top secret"));
    raw = new RawSocket(DFS.server().port());
    rootSigner = new TestSigV4(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY);
  }

  // ---- helpers --------------------------------------------------------------------------

  /** Headers of a header-signed request: host, x-amz-date, x-amz-content-sha256, extras. */
  static Map<String, String> baseHeaders(Instant t, String payloadHash, Map<String, String> extra) {
    Map<String, String> h = new TreeMap<>();
    h.put("host", raw.host());
    h.put("x-amz-date", TestSigV4.amzDate(t));
    h.put("x-amz-content-sha256", payloadHash);
    h.putAll(extra);
    return h;
  }

  /** Signs every header in {@code headers} and adds the Authorization header. */
  static Map<String, String> signAll(
      TestSigV4 signer,
      String method,
      String path,
      String query,
      Map<String, String> headers,
      Instant t) {
    List<String> names = new ArrayList<>(new TreeMap<>(headers).keySet());
    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put(
        "authorization",
        signer.authorization(
            method, path, query, headers, names, headers.get("x-amz-content-sha256"), t));
    out.remove("host"); // RawSocket sends it
    return out;
  }

  /** A PUT of {@code body} signed by root, with its SHA-256, signing every header given. */
  static Map<String, String> signedPut(String key, byte[] body, Map<String, String> extra) {
    Instant t = Instant.now();
    return signAll(
        rootSigner,
        "PUT",
        "/" + BUCKET + "/" + key,
        "",
        baseHeaders(t, TestSigV4.sha256Hex(body), extra),
        t);
  }

  static RawSocket.Response put(String key, Map<String, String> headers, byte[] body)
      throws Exception {
    return raw.send("PUT", "/" + BUCKET + "/" + key, headers, body);
  }

  static void assertError(RawSocket.Response r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.xml("Code")).as(r.toString()).isEqualTo(code);
  }

  static void assertAbsent(String key) {
    expectError(404, null, () -> root.headObject(b -> b.bucket(BUCKET).key(key)));
  }

  static String read(String key) {
    return root.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
  }

  static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put(name, value);
    return out;
  }

  // ---- unsigned and tampered ------------------------------------------------------------

  @Test
  void theSigningHelperItselfIsAccepted() throws Exception {
    RawSocket.Response r = put("helper-ok", signedPut("helper-ok", BODY, Map.of()), BODY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(read("helper-ok")).isEqualTo("the signed body");
  }

  @Test
  void anUnsignedRequestIsDenied() throws Exception {
    assertError(put("unsigned", Map.of(), BODY), 403, "AccessDenied");
    assertAbsent("unsigned");
  }

  @Test
  void aTamperedSignatureDoesNotMatch() throws Exception {
    Map<String, String> h = signedPut("tampered", BODY, Map.of());
    String auth = h.get("authorization");
    char last = auth.charAt(auth.length() - 1);
    h.put("authorization", auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0'));
    assertError(put("tampered", h, BODY), 403, "SignatureDoesNotMatch");
    assertAbsent("tampered");
  }

  @Test
  void aRequestOlderThanFifteenMinutesIsTooSkewed() throws Exception {
    Instant t = Instant.now().minus(Duration.ofMinutes(16));
    Map<String, String> h =
        signAll(
            rootSigner,
            "PUT",
            "/" + BUCKET + "/skewed",
            "",
            baseHeaders(t, TestSigV4.sha256Hex(BODY), Map.of()),
            t);
    assertError(put("skewed", h, BODY), 403, "RequestTimeTooSkewed");
    Instant future = Instant.now().plus(Duration.ofMinutes(16));
    h =
        signAll(
            rootSigner,
            "PUT",
            "/" + BUCKET + "/skewed",
            "",
            baseHeaders(future, TestSigV4.sha256Hex(BODY), Map.of()),
            future);
    assertError(put("skewed", h, BODY), 403, "RequestTimeTooSkewed");
    assertAbsent("skewed");
  }

  // ---- replays with changed headers -------------------------------------------------------

  @Test
  void addedUnsignedAmzHeadersAreRefusedAndNamed() throws Exception {
    Map<String, String> signed = signedPut("replay-headers", BODY, Map.of());
    for (String[] added :
        new String[][] {
          {"x-amz-meta-owner", "mallory"},
          {"x-amz-tagging", "stolen=yes"},
          {"x-amz-server-side-encryption", "AES256"},
          {"x-amz-acl", "public-read"},
          {"x-amz-storage-class", "STANDARD"}
        }) {
      RawSocket.Response r = put("replay-headers", with(signed, added[0], added[1]), BODY);
      assertError(r, 403, "AccessDenied");
      assertThat(r.xml("Message"))
          .isEqualTo("There were headers present in the request which were not signed");
      assertThat(r.xml("HeadersNotSigned")).isEqualTo(added[0]);
    }
    assertAbsent("replay-headers");
  }

  @Test
  void aChangedSignedHeaderBreaksTheSignature() throws Exception {
    Map<String, String> h = signedPut("replay-meta", BODY, Map.of("x-amz-meta-owner", "alice"));
    assertError(
        put("replay-meta", with(h, "x-amz-meta-owner", "mallory"), BODY),
        403,
        "SignatureDoesNotMatch");
    assertAbsent("replay-meta");
  }

  /** Added copy source on a signed PUT: a CopyObject of something the signer can read. */
  @Test
  void anAddedCopySourceOnASignedPutIsRefused() throws Exception {
    Map<String, String> h = signedPut("copy-target", new byte[0], Map.of());
    RawSocket.Response r =
        put("copy-target", with(h, "x-amz-copy-source", "/" + BUCKET + "/secret"), new byte[0]);
    assertError(r, 403, "AccessDenied");
    assertThat(r.xml("HeadersNotSigned")).isEqualTo("x-amz-copy-source");
    assertAbsent("copy-target");
  }

  // ---- replays with changed bodies ------------------------------------------------------

  @Test
  void aReplayedPutWithAnotherBodyOfTheSameLengthIsRefused() throws Exception {
    assertThat(FORGED).hasSameSizeAs(BODY);
    Map<String, String> h = signedPut("replay-body", BODY, Map.of());
    assertError(put("replay-body", h, FORGED), 400, "XAmzContentSHA256Mismatch");
    assertAbsent("replay-body");
  }

  @Test
  void aReplayedPutWithABodyOfAnotherLengthIsRefused() throws Exception {
    Map<String, String> h = signedPut("replay-longer", BODY, Map.of());
    byte[] longer = "the signed body, and more".getBytes(StandardCharsets.UTF_8);
    assertError(put("replay-longer", h, longer), 400, "XAmzContentSHA256Mismatch");
    assertError(put("replay-longer", h, new byte[0]), 400, "XAmzContentSHA256Mismatch");
    assertAbsent("replay-longer");
  }

  @Test
  void aBodyShorterThanItsContentLengthIsIncomplete() throws Exception {
    Map<String, String> h = signedPut("short-body", BODY, Map.of());
    h.put("content-length", Integer.toString(BODY.length + 10));
    RawSocket.Response r = put("short-body", h, BODY);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.xml("Code")).as(r.toString()).isIn("IncompleteBody", null);
    assertAbsent("short-body");
  }

  @Test
  void aBodyLongerThanItsContentLengthIsNotStoredWhole() throws Exception {
    byte[] longer = "the signed body, and more".getBytes(StandardCharsets.UTF_8);
    Map<String, String> h = signedPut("long-body", longer, Map.of());
    h.put("content-length", Integer.toString(BODY.length)); // the first bytes only
    RawSocket.Response r = put("long-body", h, longer);
    assertError(r, 400, "XAmzContentSHA256Mismatch");
    assertAbsent("long-body");
  }

  @Test
  void aReplayedUploadPartWithAnotherBodyIsRefused() throws Exception {
    String uploadId = root.createMultipartUpload(b -> b.bucket(BUCKET).key("mpu")).uploadId();
    String query = "partNumber=1&uploadId=" + TestSigV4.encode(uploadId);
    Instant t = Instant.now();
    Map<String, String> h =
        signAll(
            rootSigner,
            "PUT",
            "/" + BUCKET + "/mpu",
            query,
            baseHeaders(t, TestSigV4.sha256Hex(BODY), Map.of()),
            t);
    assertError(
        raw.send("PUT", "/" + BUCKET + "/mpu?" + query, h, FORGED),
        400,
        "XAmzContentSHA256Mismatch");
    assertThat(root.listParts(b -> b.bucket(BUCKET).key("mpu").uploadId(uploadId)).parts())
        .isEmpty();
    root.abortMultipartUpload(b -> b.bucket(BUCKET).key("mpu").uploadId(uploadId));
  }

  @Test
  void aReplayedDeleteObjectsWithAnotherDocumentDeletesNothing() throws Exception {
    root.putObject(b -> b.bucket(BUCKET).key("keep-a"), RequestBody.fromString("a"));
    root.putObject(b -> b.bucket(BUCKET).key("keep-b"), RequestBody.fromString("b"));
    byte[] signedDoc =
        "<Delete><Object><Key>keep-a</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
    byte[] forgedDoc =
        "<Delete><Object><Key>keep-b</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
    Instant t = Instant.now();
    Map<String, String> h =
        signAll(
            rootSigner,
            "POST",
            "/" + BUCKET,
            "delete=",
            baseHeaders(t, TestSigV4.sha256Hex(signedDoc), Map.of()),
            t);
    h.put(
        "content-md5", java.util.Base64.getEncoder().encodeToString(SdkTestSupport.md5(forgedDoc)));
    assertError(
        raw.send("POST", "/" + BUCKET + "?delete=", h, forgedDoc),
        400,
        "XAmzContentSHA256Mismatch");
    assertThat(read("keep-a")).isEqualTo("a");
    assertThat(read("keep-b")).isEqualTo("b");
  }

  @Test
  void anEmptyBodySignedAsNonEmptyIsRefused() throws Exception {
    Map<String, String> h = signedPut("empty-replay", BODY, Map.of());
    assertError(put("empty-replay", h, new byte[0]), 400, "XAmzContentSHA256Mismatch");
    assertAbsent("empty-replay");
  }

  // ---- presigned URLs -------------------------------------------------------------------

  static String presignedPut(String key, Instant t, long expires) {
    return "/"
        + BUCKET
        + "/"
        + key
        + "?"
        + rootSigner.presignedQuery(
            "PUT",
            "/" + BUCKET + "/" + key,
            Map.of(),
            Map.of("host", raw.host()),
            List.of("host"),
            t,
            expires);
  }

  @Test
  void aPresignedPutWorksAsIs() throws Exception {
    RawSocket.Response r =
        raw.send(
            "PUT",
            presignedPut("presigned-ok", Instant.now(), 300),
            Map.of("content-type", "text/plain"),
            BODY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(read("presigned-ok")).isEqualTo("the signed body");
  }

  @Test
  void aPresignedPutReplayedWithACopySourceIsRefused() throws Exception {
    RawSocket.Response r =
        raw.send(
            "PUT",
            presignedPut("presigned-copy", Instant.now(), 300),
            Map.of("x-amz-copy-source", "/" + BUCKET + "/secret"),
            new byte[0]);
    assertError(r, 403, "AccessDenied");
    assertThat(r.xml("HeadersNotSigned")).isEqualTo("x-amz-copy-source");
    assertAbsent("presigned-copy");
  }

  @Test
  void aPresignedPutWithAddedMetadataTaggingOrSseIsRefused() throws Exception {
    String url = presignedPut("presigned-meta", Instant.now(), 300);
    Map<String, String> added = new LinkedHashMap<>();
    added.put("x-amz-meta-owner", "mallory");
    added.put("x-amz-tagging", "a=b");
    added.put("x-amz-server-side-encryption", "AES256");
    RawSocket.Response r = raw.send("PUT", url, added, BODY);
    assertError(r, 403, "AccessDenied");
    assertThat(r.xml("HeadersNotSigned"))
        .isEqualTo("x-amz-meta-owner, x-amz-server-side-encryption, x-amz-tagging");
    assertAbsent("presigned-meta");
  }

  /**
   * x-amz-content-sha256 on a presigned URL that did not sign it: a hash is accepted (it only adds
   * a check the body must pass), a streaming value is refused (it would change the framing of the
   * body).
   */
  @Test
  void anUnsignedPayloadHashOnAPresignedPutMayOnlyNarrow() throws Exception {
    String url = presignedPut("presigned-hash", Instant.now(), 300);
    assertError(
        raw.send("PUT", url, Map.of("x-amz-content-sha256", TestSigV4.sha256Hex(BODY)), FORGED),
        400,
        "XAmzContentSHA256Mismatch");
    RawSocket.Response r =
        raw.send("PUT", url, Map.of("x-amz-content-sha256", TestSigV4.STREAMING), BODY);
    assertError(r, 403, "AccessDenied");
    assertThat(r.xml("HeadersNotSigned")).isEqualTo("x-amz-content-sha256");
    assertAbsent("presigned-hash");
    r = raw.send("PUT", url, Map.of("x-amz-content-sha256", TestSigV4.sha256Hex(BODY)), BODY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  /** A presigned URL that signs the payload hash holds the body to it, header or not. */
  @Test
  void aPresignedPayloadHashIsEnforced() throws Exception {
    String key = "presigned-signed-hash";
    String url =
        "/"
            + BUCKET
            + "/"
            + key
            + "?"
            + rootSigner.presignedQuery(
                "PUT",
                "/" + BUCKET + "/" + key,
                Map.of("X-Amz-Content-Sha256", TestSigV4.sha256Hex(BODY)),
                Map.of("host", raw.host()),
                List.of("host"),
                Instant.now(),
                300);
    assertError(raw.send("PUT", url, Map.of(), FORGED), 400, "XAmzContentSHA256Mismatch");
    RawSocket.Response r =
        raw.send("PUT", url, Map.of("x-amz-content-sha256", TestSigV4.sha256Hex(FORGED)), FORGED);
    assertError(r, 403, "AccessDenied");
    assertThat(r.xml("HeadersNotSigned")).isEqualTo("x-amz-content-sha256");
    assertAbsent(key);
    r = raw.send("PUT", url, Map.of(), BODY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  @Test
  void anExpiredPresignedUrlIsDenied() throws Exception {
    String url = presignedPut("presigned-expired", Instant.now().minusSeconds(120), 60);
    RawSocket.Response r = raw.send("PUT", url, Map.of(), BODY);
    assertError(r, 403, "AccessDenied");
    assertThat(r.xml("Message")).isEqualTo("Request has expired");
    assertAbsent("presigned-expired");
  }

  @Test
  void aTamperedPresignedQueryDoesNotMatch() throws Exception {
    String url = presignedPut("presigned-query", Instant.now(), 60);
    assertError(
        raw.send("PUT", url.replace("X-Amz-Expires=60", "X-Amz-Expires=600"), Map.of(), BODY),
        403,
        "SignatureDoesNotMatch");
    assertError(
        raw.send("PUT", url + "&acl=public-read", Map.of(), BODY), 403, "SignatureDoesNotMatch");
    assertError(
        raw.send("PUT", url.replace("presigned-query?", "presigned-other?"), Map.of(), BODY),
        403,
        "SignatureDoesNotMatch");
    assertAbsent("presigned-query");
    assertAbsent("presigned-other");
  }

  @Test
  void aPresignedGetUsedForAnotherMethodDoesNotMatch() throws Exception {
    String key = "presigned-get";
    String url =
        "/"
            + BUCKET
            + "/"
            + key
            + "?"
            + rootSigner.presignedQuery(
                "GET",
                "/" + BUCKET + "/" + key,
                Map.of(),
                Map.of("host", raw.host()),
                List.of("host"),
                Instant.now(),
                300);
    assertError(raw.send("PUT", url, Map.of(), BODY), 403, "SignatureDoesNotMatch");
    assertError(
        raw.send("DELETE", url.replace(key, "secret"), Map.of(), new byte[0]),
        403,
        "SignatureDoesNotMatch");
    assertAbsent(key);
    assertThat(read("secret")).isEqualTo("top secret");
  }

  // ---- other users, keys, the admin API -------------------------------------------------

  @Test
  void aUserCannotActOnAnotherUsersBucket() throws Exception {
    DFS.server().identities().addUser("mallory", null);
    NewAccessKey key = DFS.server().identities().createAccessKey("mallory");
    S3Client mallory = DFS.server().client(key.key().accessKeyId(), key.secretKey());
    expectError(
        403,
        "AccessDenied",
        () ->
            mallory.putObject(
                b -> b.bucket(BUCKET).key("by-mallory"), RequestBody.fromString("x")));
    expectError(
        403, "AccessDenied", () -> mallory.getObjectAsBytes(b -> b.bucket(BUCKET).key("secret")));
    expectError(
        403, "AccessDenied", () -> mallory.deleteObject(b -> b.bucket(BUCKET).key("secret")));
    expectError(403, "AccessDenied", () -> mallory.listObjectsV2(b -> b.bucket(BUCKET)));
    expectError(403, "AccessDenied", () -> mallory.deleteBucket(b -> b.bucket(BUCKET)));
    // a copy into her own bucket needs read access to the source
    mallory.createBucket(b -> b.bucket("mallory-own"));
    expectError(
        403,
        "AccessDenied",
        () ->
            mallory.copyObject(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("secret")
                        .destinationBucket("mallory-own")
                        .destinationKey("loot")));
    assertAbsent("by-mallory");
    assertThat(read("secret")).isEqualTo("top secret");
    expectError(404, null, () -> root.headObject(b -> b.bucket("mallory-own").key("loot")));
  }

  @Test
  void disabledAndDeletedAccessKeysAreRefused() throws Exception {
    DFS.server().identities().addUser("keyholder", null);
    NewAccessKey key = DFS.server().identities().createAccessKey("keyholder");
    String id = key.key().accessKeyId();
    S3Client client = DFS.server().client(id, key.secretKey());
    client.createBucket(b -> b.bucket("keyholder-bucket"));
    DFS.server().identities().setAccessKeyStatus(id, KeyStatus.INACTIVE);
    expectError(
        403,
        "InvalidAccessKeyId",
        () ->
            client.putObject(
                b -> b.bucket("keyholder-bucket").key("while-disabled"),
                RequestBody.fromString("x")));
    DFS.server().identities().setUserEnabled("keyholder", false);
    DFS.server().identities().setAccessKeyStatus(id, KeyStatus.ACTIVE);
    expectError(
        403,
        "InvalidAccessKeyId",
        () ->
            client.putObject(
                b -> b.bucket("keyholder-bucket").key("user-disabled"),
                RequestBody.fromString("x")));
    DFS.server().identities().setUserEnabled("keyholder", true);
    DFS.server().identities().deleteAccessKey(id);
    expectError(
        403,
        "InvalidAccessKeyId",
        () ->
            client.putObject(
                b -> b.bucket("keyholder-bucket").key("after-delete"),
                RequestBody.fromString("x")));
    for (String k : List.of("while-disabled", "user-disabled", "after-delete")) {
      expectError(404, null, () -> root.headObject(b -> b.bucket("keyholder-bucket").key(k)));
    }
  }

  @Test
  void theAdminApiRefusesANonAdminKey() throws Exception {
    DFS.server().identities().addUser("operator", null);
    String apiKey = DFS.server().identities().createApiKey("operator").apiKey();
    NewAccessKey key = DFS.server().identities().createAccessKey("operator");
    RawSocket.Response r =
        raw.send("GET", "/api/v1/users", Map.of("x-api-key", apiKey), new byte[0]);
    assertThat(r.status()).as(r.toString()).isEqualTo(403);
    byte[] create = "{\"name\":\"intruder\"}".getBytes(StandardCharsets.UTF_8);
    Instant t = Instant.now();
    TestSigV4 signer = new TestSigV4(key.key().accessKeyId(), key.secretKey());
    Map<String, String> h =
        signAll(
            signer,
            "POST",
            "/api/v1/users",
            "",
            baseHeaders(t, TestSigV4.sha256Hex(create), Map.of("content-type", "application/json")),
            t);
    r = raw.send("POST", "/api/v1/users", h, create);
    assertThat(r.status()).as(r.toString()).isEqualTo(403);
    assertThat(DFS.server().identities().user("intruder")).isEmpty();
    r = raw.send("POST", "/api/v1/users", Map.of("x-api-key", apiKey), create);
    assertThat(r.status()).as(r.toString()).isEqualTo(403);
    assertThat(DFS.server().identities().user("intruder")).isEmpty();
  }

  @Test
  void theAdminApiChecksASignedBodyAgainstItsHash() throws Exception {
    byte[] signedBody = "{\"name\":\"operator-a\"}".getBytes(StandardCharsets.UTF_8);
    byte[] replayed = "{\"name\":\"operator-b\"}".getBytes(StandardCharsets.UTF_8);
    Instant t = Instant.now();
    Map<String, String> h =
        signAll(
            rootSigner,
            "POST",
            "/api/v1/users",
            "",
            baseHeaders(
                t, TestSigV4.sha256Hex(signedBody), Map.of("content-type", "application/json")),
            t);
    RawSocket.Response r = raw.send("POST", "/api/v1/users", h, replayed);
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.toString()).contains("XAmzContentSHA256Mismatch");
    assertThat(DFS.server().identities().user("operator-b")).isEmpty();
    assertThat(DFS.server().identities().user("operator-a")).isEmpty();
    r = raw.send("POST", "/api/v1/users", h, signedBody);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(DFS.server().identities().user("operator-a")).isPresent();
  }

  // ---- aws-chunked ----------------------------------------------------------------------

  /** What to get wrong in an aws-chunked body. */
  enum Forgery {
    NONE,
    CHUNK_SIGNATURE,
    FINAL_CHUNK_SIGNATURE,
    TRAILER_SIGNATURE,
    CHUNK_DATA
  }

  /**
   * A streaming-signed PUT of {@code data} in chunks of {@code chunkSize}, announcing {@code
   * decodedLength}; with {@code trailer}, a signed x-amz-checksum-crc32 trailer.
   */
  static RawSocket.Response chunkedPut(
      String key, byte[] data, int chunkSize, long decodedLength, boolean trailer, Forgery forgery)
      throws Exception {
    Instant t = Instant.now();
    Map<String, String> extra = new TreeMap<>();
    extra.put("content-encoding", "aws-chunked");
    extra.put("x-amz-decoded-content-length", Long.toString(decodedLength));
    if (trailer) extra.put("x-amz-trailer", "x-amz-checksum-crc32");
    String form = trailer ? TestSigV4.STREAMING_TRAILER : TestSigV4.STREAMING;
    Map<String, String> h =
        signAll(rootSigner, "PUT", "/" + BUCKET + "/" + key, "", baseHeaders(t, form, extra), t);
    String auth = h.get("authorization");
    String previous = auth.substring(auth.indexOf("Signature=") + "Signature=".length());
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (int off = 0; off < data.length; off += chunkSize) {
      byte[] chunk =
          java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + chunkSize));
      String sig = rootSigner.chunkSignature(previous, t, chunk);
      previous = sig;
      if (forgery == Forgery.CHUNK_SIGNATURE) sig = flip(sig);
      if (forgery == Forgery.CHUNK_DATA) chunk[0] ^= 1;
      body.writeBytes(
          (Integer.toHexString(chunk.length) + ";chunk-signature=" + sig + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      body.writeBytes(chunk);
      body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    String last = rootSigner.chunkSignature(previous, t, new byte[0]);
    previous = last;
    if (forgery == Forgery.FINAL_CHUNK_SIGNATURE) last = flip(last);
    StringBuilder tail = new StringBuilder("0;chunk-signature=" + last + "\r\n");
    if (trailer) {
      String value = SdkTestSupport.checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, data);
      String canonical = "x-amz-checksum-crc32:" + value + "\n";
      String sig = rootSigner.trailerSignature(previous, t, canonical);
      if (forgery == Forgery.TRAILER_SIGNATURE) sig = flip(sig);
      tail.append("x-amz-checksum-crc32:")
          .append(value)
          .append("\r\n")
          .append("x-amz-trailer-signature:")
          .append(sig)
          .append("\r\n");
    }
    tail.append("\r\n");
    body.writeBytes(tail.toString().getBytes(StandardCharsets.US_ASCII));
    return put(key, h, body.toByteArray());
  }

  static String flip(String hex) {
    char c = hex.charAt(0);
    return (c == 'a' ? 'b' : 'a') + hex.substring(1);
  }

  @Test
  void aCorrectlySignedChunkedUploadIsStored() throws Exception {
    byte[] data = SdkTestSupport.randomBytes(300, 1);
    RawSocket.Response r = chunkedPut("chunked-ok", data, 128, data.length, true, Forgery.NONE);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(root.getObjectAsBytes(b -> b.bucket(BUCKET).key("chunked-ok")).asByteArray())
        .isEqualTo(data);
  }

  @Test
  void forgedChunkSignaturesAreRefused() throws Exception {
    byte[] data = SdkTestSupport.randomBytes(300, 2);
    for (Forgery f :
        List.of(
            Forgery.CHUNK_SIGNATURE,
            Forgery.CHUNK_DATA,
            Forgery.FINAL_CHUNK_SIGNATURE,
            Forgery.TRAILER_SIGNATURE)) {
      assertError(
          chunkedPut("chunked-forged", data, 128, data.length, true, f),
          403,
          "SignatureDoesNotMatch");
      assertError(
          chunkedPut(
              "chunked-forged",
              data,
              300,
              data.length,
              false,
              f == Forgery.TRAILER_SIGNATURE ? Forgery.FINAL_CHUNK_SIGNATURE : f),
          403,
          "SignatureDoesNotMatch");
    }
    assertAbsent("chunked-forged");
  }

  /** An empty body is never read by the store: its final chunk must be verified anyway. */
  @Test
  void anEmptyChunkedBodyWithAForgedFinalChunkIsRefused() throws Exception {
    byte[] none = new byte[0];
    assertError(
        chunkedPut("chunked-empty", none, 1, 0, false, Forgery.FINAL_CHUNK_SIGNATURE),
        403,
        "SignatureDoesNotMatch");
    assertError(
        chunkedPut("chunked-empty", none, 1, 0, true, Forgery.TRAILER_SIGNATURE),
        403,
        "SignatureDoesNotMatch");
    assertAbsent("chunked-empty");
    RawSocket.Response r = chunkedPut("chunked-empty", none, 1, 0, true, Forgery.NONE);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  @Test
  void aDecodedContentLengthThatLiesIsIncomplete() throws Exception {
    byte[] data = SdkTestSupport.randomBytes(300, 3);
    assertError(
        chunkedPut("chunked-lies", data, 128, 0, false, Forgery.NONE), 400, "IncompleteBody");
    assertError(
        chunkedPut("chunked-lies", data, 128, 100, false, Forgery.NONE), 400, "IncompleteBody");
    assertError(
        chunkedPut("chunked-lies", data, 128, 400, false, Forgery.NONE), 400, "IncompleteBody");
    assertAbsent("chunked-lies");
  }
}
