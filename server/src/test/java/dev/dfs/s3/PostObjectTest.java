package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Browser form uploads (POST Object) as a browser sends them: real multipart/form-data bodies,
 * policies signed with SigV4, every kind of violated condition refused, nothing stored then.
 */
class PostObjectTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("forms"));
  }

  /** A policy over the usual fields; {@code extra} adds conditions (JSON fragments). */
  static String policy(Instant expires, String... extra) {
    StringBuilder c = new StringBuilder();
    c.append("{\"bucket\":\"forms\"},[\"starts-with\",\"$key\",\"uploads/\"],")
        .append("{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},")
        .append(
            "[\"starts-with\",\"$x-amz-credential\",\"\"],[\"starts-with\",\"$x-amz-date\",\"\"],")
        .append("[\"starts-with\",\"$Content-Type\",\"text/\"],[\"content-length-range\",1,1000]");
    for (String e : extra) c.append(',').append(e);
    String json = "{\"expiration\":\"" + expires + "\",\"conditions\":[" + c + "]}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, String> signedFields(String key, String policy, String secret)
      throws Exception {
    Instant now = Instant.now();
    String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(now);
    String amzDate =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, "us-east-1");
    k = hmac(k, "s3");
    k = hmac(k, "aws4_request");
    Map<String, String> f = new LinkedHashMap<>();
    f.put("key", key);
    f.put("Content-Type", "text/plain");
    f.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
    f.put("x-amz-credential", DfsTestServer.ACCESS_KEY + "/" + date + "/us-east-1/s3/aws4_request");
    f.put("x-amz-date", amzDate);
    f.put("policy", policy);
    f.put("x-amz-signature", HexFormat.of().formatHex(hmac(k, policy)));
    return f;
  }

  static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> post(Map<String, String> fields, String filename, byte[] file)
      throws Exception {
    String boundary = "----dfsFormBoundary7MA4YWxk";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + e.getKey()
                  + "\"\r\n\r\n"
                  + e.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\""
                + filename
                + "\"\r\nContent-Type: text/plain\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + "/forms"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Instant inAnHour() {
    return Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  @Test
  void signedFormUploadStoresTheFile() throws Exception {
    Map<String, String> f =
        signedFields("uploads/${filename}", policy(inAnHour()), DfsTestServer.SECRET_KEY);
    HttpResponse<String> r = post(f, "notes.txt", "hello form".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(r.headers().firstValue("ETag")).isPresent();
    var got = s3.getObjectAsBytes(b -> b.bucket("forms").key("uploads/notes.txt"));
    assertThat(got.asUtf8String()).isEqualTo("hello form");
    assertThat(got.response().contentType()).isEqualTo("text/plain");
  }

  @Test
  void successActionStatusAndRedirect() throws Exception {
    Map<String, String> f =
        signedFields(
            "uploads/a.txt",
            policy(inAnHour(), "{\"success_action_status\":\"201\"}"),
            DfsTestServer.SECRET_KEY);
    f.put("success_action_status", "201");
    HttpResponse<String> r = post(f, "a.txt", "x".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body())
        .contains("<PostResponse")
        .contains("<Key>uploads/a.txt</Key>")
        .contains("<Bucket>forms</Bucket>");

    Map<String, String> g =
        signedFields(
            "uploads/b.txt",
            policy(
                inAnHour(),
                "[\"starts-with\",\"$success_action_redirect\",\"https://app.example.com/\"]"),
            DfsTestServer.SECRET_KEY);
    g.put("success_action_redirect", "https://app.example.com/done");
    HttpResponse<String> red = post(g, "b.txt", "y".getBytes(StandardCharsets.UTF_8));
    assertThat(red.statusCode()).isEqualTo(303);
    assertThat(red.headers().firstValue("Location").orElse(""))
        .startsWith("https://app.example.com/done?bucket=forms&key=uploads%2Fb.txt&etag=");
  }

  @Test
  void everyViolatedConditionIsRefusedAndNothingStored() throws Exception {
    byte[] ok = "content".getBytes(StandardCharsets.UTF_8);
    String secret = DfsTestServer.SECRET_KEY;
    // expired
    assertRefused(
        post(
            signedFields(
                "uploads/e1",
                policy(
                    Instant.now()
                        .minusSeconds(5)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                secret),
            "f",
            ok),
        403,
        "Policy expired",
        "uploads/e1");
    // key outside the allowed prefix
    assertRefused(
        post(signedFields("other/e2", policy(inAnHour()), secret), "f", ok),
        403,
        "Policy Condition failed",
        "other/e2");
    // a field the policy does not cover
    Map<String, String> extra = signedFields("uploads/e3", policy(inAnHour()), secret);
    extra.put("x-amz-meta-owner", "mallory");
    assertRefused(post(extra, "f", ok), 403, "Extra input fields: x-amz-meta-owner", "uploads/e3");
    // Content-Type that does not start with text/
    Map<String, String> type = signedFields("uploads/e4", policy(inAnHour()), secret);
    type.put("Content-Type", "application/zip");
    assertRefused(post(type, "f", ok), 403, "Policy Condition failed", "uploads/e4");
    // file too large and too small for content-length-range [1, 1000]
    assertRefused(
        post(signedFields("uploads/e5", policy(inAnHour()), secret), "f", new byte[1001]),
        400,
        "EntityTooLarge",
        "uploads/e5");
    assertRefused(
        post(signedFields("uploads/e6", policy(inAnHour()), secret), "f", new byte[0]),
        400,
        "EntityTooSmall",
        "uploads/e6");
    // wrong secret: bad signature
    assertRefused(
        post(signedFields("uploads/e7", policy(inAnHour()), "not-the-secret"), "f", ok),
        403,
        "SignatureDoesNotMatch",
        "uploads/e7");
    // a tampered policy (signature no longer matches)
    Map<String, String> tampered = signedFields("uploads/e8", policy(inAnHour()), secret);
    tampered.put("policy", policy(inAnHour().plusSeconds(99999)));
    assertRefused(post(tampered, "f", ok), 403, "SignatureDoesNotMatch", "uploads/e8");
    // no key field
    Map<String, String> noKey = signedFields("uploads/e9", policy(inAnHour()), secret);
    noKey.remove("key");
    HttpResponse<String> r = post(noKey, "f", ok);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("field named 'key'");
    // an unsigned form on a server that requires authentication
    HttpResponse<String> anon = post(Map.of("key", "uploads/e10"), "f", ok);
    assertThat(anon.statusCode()).isEqualTo(403);
    assertThat(anon.body()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void theAclFieldFollowsTheBucketsOwnershipRules() throws Exception {
    Map<String, String> f =
        signedFields(
            "uploads/public.txt",
            policy(inAnHour(), "{\"acl\":\"public-read\"}"),
            DfsTestServer.SECRET_KEY);
    f.put("acl", "public-read");
    // the bucket enforces bucket ownership (the default): ACLs are disabled
    assertRefused(
        post(f, "p.txt", "x".getBytes(StandardCharsets.UTF_8)),
        400,
        "AccessControlListNotSupported",
        "uploads/public.txt");
    s3.putBucketOwnershipControls(
        b ->
            b.bucket("forms")
                .ownershipControls(
                    c ->
                        c.rules(
                            r ->
                                r.objectOwnership(
                                    software.amazon.awssdk.services.s3.model.ObjectOwnership
                                        .OBJECT_WRITER))));
    try {
      HttpResponse<String> r = post(f, "p.txt", "x".getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
      assertThat(s3.getObjectAcl(b -> b.bucket("forms").key("uploads/public.txt")).grants())
          .anySatisfy(
              g ->
                  assertThat(g.grantee().uri())
                      .isEqualTo("http://acs.amazonaws.com/groups/global/AllUsers"));
    } finally {
      s3.deleteBucketOwnershipControls(b -> b.bucket("forms"));
    }
  }

  static void assertRefused(HttpResponse<String> r, int status, String text, String key) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).contains(text);
    assertThat(s3.listObjectsV2(b -> b.bucket("forms").prefix(key)).contents()).isEmpty();
  }
}
