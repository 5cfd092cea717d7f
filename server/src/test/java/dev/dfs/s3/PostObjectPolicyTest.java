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
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;

/**
 * Browser form uploads signed with Signature Version 2 ({@code AWSAccessKeyId}, {@code signature} =
 * base64 HMAC-SHA1 of the base64 {@code policy}), as the boto3-era form recipes and the independent
 * conformance suites build them with {@code requests}: every field is sent as a part with a file
 * name, as {@code requests.post(files=…)} does. The policy case table covers conditions, case
 * rules, expiration, signatures, sizes, redirects, {@code ${filename}}, tags, checksums and SSE
 * fields.
 */
class PostObjectPolicyTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static final String BUCKET = "v2forms";
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = DFS.client();
    s3.createBucket(
        b ->
            b.bucket(BUCKET)
                .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                .acl(BucketCannedACL.PUBLIC_READ_WRITE));
  }

  static String expiresIn(long seconds) {
    return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The conformance suite's usual conditions; {@code extra} appended (JSON fragments). */
  static String conditions(String... extra) {
    StringBuilder c =
        new StringBuilder(
            "{\"bucket\":\""
                + BUCKET
                + "\"},"
                + "[\"starts-with\",\"$key\",\"foo\"],{\"acl\":\"private\"},"
                + "[\"starts-with\",\"$Content-Type\",\"text/plain\"],[\"content-length-range\",0,1024]");
    for (String e : extra) c.append(',').append(e);
    return c.toString();
  }

  static String policyJson(String conditions) {
    return "{\"expiration\":\"" + expiresIn(6000) + "\",\"conditions\":[" + conditions + "]}";
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String sign(String secret, String policy) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(policy.getBytes(StandardCharsets.UTF_8)));
  }

  /** key, AWSAccessKeyId, acl, signature, policy, Content-Type: the suite's field order. */
  static Map<String, String> fields(String key, String policyJson) throws Exception {
    String policy = b64(policyJson);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("key", key);
    f.put("AWSAccessKeyId", DfsTestServer.ACCESS_KEY);
    f.put("acl", "private");
    f.put("signature", sign(DfsTestServer.SECRET_KEY, policy));
    f.put("policy", policy);
    f.put("Content-Type", "text/plain");
    return f;
  }

  static HttpResponse<String> post(
      String bucket, Map<String, String> fields, String filename, byte[] file) throws Exception {
    String boundary = "8f2c0b1e5e0a4d0c9d1f";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      // requests sends every entry of files= as a part with filename=<name>
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + e.getKey()
                  + "\"; filename=\""
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
                + "\"\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + "/" + bucket))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(Map<String, String> fields) throws Exception {
    return post(BUCKET, fields, "file", "bar".getBytes(StandardCharsets.UTF_8));
  }

  static String read(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
  }

  /** One row: a form built from the usual one, the status S3 answers, a text in the body. */
  static Arguments row(
      String name,
      String key,
      String policyJson,
      Consumer<Map<String, String>> change,
      int status,
      String text) {
    return Arguments.of(name, key, policyJson, change, status, text);
  }

  static Stream<Arguments> refusedForms() {
    Consumer<Map<String, String>> none = f -> {};
    String usual = policyJson(conditions());
    return Stream.of(
        row(
            "bad access key",
            "foo.txt",
            usual,
            f -> f.put("AWSAccessKeyId", "foo"),
            403,
            "InvalidAccessKeyId"),
        row(
            "invalid signature",
            "foo.txt",
            usual,
            f -> f.put("signature", new StringBuilder(f.get("signature")).reverse().toString()),
            403,
            "SignatureDoesNotMatch"),
        row(
            "missing signature",
            "foo.txt",
            usual,
            f -> f.remove("signature"),
            400,
            "InvalidArgument"),
        row("missing policy", "foo.txt", usual, f -> f.remove("policy"), 400, "policy"),
        row(
            "invalid date format",
            "foo.txt",
            "{\"expiration\":\"2030-01-01 00:00:00.123+00:00\","
                + "\"conditions\":["
                + conditions()
                + "]}",
            none,
            400,
            "InvalidPolicyDocument"),
        row("no key", "foo.txt", usual, f -> f.remove("key"), 400, "field named 'key'"),
        row(
            "missing policy condition",
            "foo.txt",
            policyJson(
                "[\"starts-with\",\"$key\","
                    + "\"\\\\$foo\"],{\"acl\":\"private\"},[\"starts-with\",\"$Content-Type\","
                    + "\"text/plain\"],[\"content-length-range\",0,1024]"),
            none,
            403,
            "Invalid according to Policy"),
        row(
            "policy names a missing field",
            "foo.txt",
            policyJson(conditions("[\"starts-with\",\"$x-amz-meta-foo\",\"bar\"]")),
            none,
            403,
            "Policy Condition failed"),
        row(
            "conditions is case sensitive",
            "foo.txt",
            "{\"expiration\":\"" + expiresIn(6000) + "\",\"CONDITIONS\":[" + conditions() + "]}",
            none,
            400,
            "InvalidPolicyDocument"),
        row(
            "expiration is case sensitive",
            "foo.txt",
            "{\"EXPIRATION\":\"" + expiresIn(6000) + "\",\"conditions\":[" + conditions() + "]}",
            none,
            400,
            "InvalidPolicyDocument"),
        row(
            "expired policy",
            "foo.txt",
            "{\"expiration\":\"" + expiresIn(-6000) + "\",\"conditions\":[" + conditions() + "]}",
            none,
            403,
            "Policy expired"),
        row(
            "eq with a different value",
            "foo.txt",
            policyJson(conditions("[\"eq\",\"$x-amz-meta-foo\",\"\"]")),
            f -> f.put("x-amz-meta-foo", "barclamp"),
            403,
            "Policy Condition failed"),
        row(
            "missing expiration",
            "foo.txt",
            "{\"conditions\":[" + conditions() + "]}",
            none,
            400,
            "InvalidPolicyDocument"),
        row(
            "missing conditions",
            "foo.txt",
            "{\"expiration\":\"" + expiresIn(6000) + "\"}",
            none,
            400,
            "InvalidPolicyDocument"),
        row(
            "size limit exceeded",
            "foo.txt",
            policyJson(
                "{\"bucket\":\""
                    + BUCKET
                    + "\"},"
                    + "[\"starts-with\",\"$key\",\"foo\"],{\"acl\":\"private\"},[\"starts-with\","
                    + "\"$Content-Type\",\"text/plain\"],[\"content-length-range\",0,0]"),
            none,
            400,
            "EntityTooLarge"),
        row(
            "content-length-range with one argument",
            "foo.txt",
            policyJson(
                "{\"bucket\":\""
                    + BUCKET
                    + "\"},[\"starts-with\",\"$key\",\"foo\"],{\"acl\":\"private\"},"
                    + "[\"starts-with\",\"$Content-Type\",\"text/plain\"],[\"content-length-range\",0]"),
            none,
            400,
            "InvalidPolicyDocument"),
        row(
            "negative content-length-range",
            "foo.txt",
            policyJson(
                "{\"bucket\":\""
                    + BUCKET
                    + "\"},[\"starts-with\",\"$key\",\"foo\"],{\"acl\":\"private\"},[\"starts-with\","
                    + "\"$Content-Type\",\"text/plain\"],[\"content-length-range\",-1,0]"),
            none,
            400,
            "InvalidPolicyDocument"),
        row(
            "size below minimum",
            "foo.txt",
            policyJson(
                "{\"bucket\":\""
                    + BUCKET
                    + "\"},"
                    + "[\"starts-with\",\"$key\",\"foo\"],{\"acl\":\"private\"},[\"starts-with\","
                    + "\"$Content-Type\",\"text/plain\"],[\"content-length-range\",512,1000]"),
            none,
            400,
            "EntityTooSmall"),
        row("empty condition", "foo.txt", policyJson("{}"), none, 400, "InvalidPolicyDocument"),
        row(
            "uncovered field",
            "foo.txt",
            usual,
            f -> f.put("x-amz-meta-extra", "1"),
            403,
            "Extra input fields: x-amz-meta-extra"),
        row(
            "malformed checksum",
            "foo.txt",
            usual,
            f -> f.put("x-amz-checksum-sha256", "sailorjerry"),
            400,
            "InvalidRequest"),
        row(
            "checksum of other bytes",
            "foo.txt",
            usual,
            f -> f.put("x-amz-checksum-sha256", "aTL9MeXa9HObn6eP93eygxsJlcwdCwCTysgGAZAgE7w="),
            400,
            "BadDigest"),
        row(
            "SSE-KMS with an unknown key is refused as on PutObject",
            "foo.txt",
            policyJson(
                conditions(
                    "[\"starts-with\",\"$x-amz-server-side-encryption\",\"\"]",
                    "[\"starts-with\",\"$x-amz-server-side-encryption-aws-kms-key-id\",\"\"]")),
            f -> {
              f.put("x-amz-server-side-encryption", "aws:kms");
              f.put("x-amz-server-side-encryption-aws-kms-key-id", "alias/none");
            },
            400,
            "KMS.NotFoundException"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedForms")
  void refusedFormsGetTheS3ErrorAndStoreNothing(
      String name,
      String key,
      String policyJson,
      Consumer<Map<String, String>> change,
      int status,
      String text)
      throws Exception {
    String unique = "foo-" + name.replace(' ', '-') + ".txt";
    Map<String, String> f = fields(unique, policyJson);
    change.accept(f);
    HttpResponse<String> r = post(f);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).contains(text);
    assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(unique)).contents()).isEmpty();
  }

  @Test
  void signedFormStoresTheFileAsTheSigner() throws Exception {
    HttpResponse<String> r = post(fields("foo.txt", policyJson(conditions())));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(read("foo.txt")).isEqualTo("bar");
  }

  @Test
  void fieldNamesAndConditionOperatorsAreCaseInsensitive() throws Exception {
    String policy =
        b64(
            policyJson(
                "{\"bUcKeT\":\""
                    + BUCKET
                    + "\"},[\"StArTs-WiTh\",\"$KeY\","
                    + "\"foo\"],{\"AcL\":\"private\"},[\"StArTs-WiTh\",\"$CoNtEnT-TyPe\",\"text/plain\"],"
                    + "[\"content-length-range\",0,1024]"));
    Map<String, String> f = new LinkedHashMap<>();
    f.put("kEy", "foo-case.txt");
    f.put("AWSAccessKeyId", DfsTestServer.ACCESS_KEY);
    f.put("aCl", "private");
    f.put("signature", sign(DfsTestServer.SECRET_KEY, policy));
    f.put("pOLICy", policy);
    f.put("Content-Type", "text/plain");
    HttpResponse<String> r = post(f);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(read("foo-case.txt")).isEqualTo("bar");
  }

  @Test
  void filenameKeysEscapedValuesIgnoredFieldsAndNoContentType() throws Exception {
    Map<String, String> byName = fields("${filename}", policyJson(conditions()));
    assertThat(
            post(BUCKET, byName, "foo-named.txt", "bar".getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(204);
    assertThat(read("foo-named.txt")).isEqualTo("bar");
    Map<String, String> escaped =
        fields(
            "\\$foo.txt",
            policyJson(
                "{\"bucket\":\""
                    + BUCKET
                    + "\"},[\"starts-with\",\"$key\",\"\\\\$foo\"],{\"acl\":\"private\"},[\"starts-with\","
                    + "\"$Content-Type\",\"text/plain\"],[\"content-length-range\",0,1024]"));
    assertThat(post(escaped).statusCode()).isEqualTo(204);
    assertThat(read("\\$foo.txt")).isEqualTo("bar");
    Map<String, String> ignored = fields("foo-ignored.txt", policyJson(conditions()));
    ignored.put("x-ignore-foo", "bar");
    assertThat(post(ignored).statusCode()).isEqualTo(204);
    Map<String, String> untyped =
        fields(
            "foo-untyped.txt",
            policyJson(
                "{\"bucket\":\""
                    + BUCKET
                    + "\"},[\"starts-with\",\"$key\",\"foo\"],{\"acl\":\"private\"},"
                    + "[\"content-length-range\",0,1024]"));
    untyped.remove("Content-Type");
    assertThat(post(untyped).statusCode()).isEqualTo(204);
  }

  @Test
  void successActionStatusAndRedirect() throws Exception {
    Map<String, String> created =
        fields("foo-201.txt", policyJson(conditions("{\"success_action_status\":\"201\"}")));
    created.put("success_action_status", "201");
    HttpResponse<String> r = post(created);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body())
        .contains("<PostResponse")
        .contains("<Key>foo-201.txt</Key>")
        .contains("<Bucket>" + BUCKET + "</Bucket>")
        .contains("<ETag>");
    Map<String, String> ok =
        fields("foo-200.txt", policyJson(conditions("{\"success_action_status\":\"200\"}")));
    ok.put("success_action_status", "200");
    HttpResponse<String> r200 = post(ok);
    assertThat(r200.statusCode()).isEqualTo(200);
    assertThat(r200.body()).isEmpty();
    Map<String, String> odd =
        fields("foo-404.txt", policyJson(conditions("{\"success_action_status\":\"404\"}")));
    odd.put("success_action_status", "404");
    assertThat(post(odd).statusCode()).isEqualTo(204);

    String redirect = "http://app.example.com/done";
    Map<String, String> red =
        fields(
            "foo-redirect.txt",
            policyJson(conditions("[\"eq\",\"$success_action_redirect\",\"" + redirect + "\"]")));
    red.put("success_action_redirect", redirect);
    HttpResponse<String> moved = post(red);
    assertThat(moved.statusCode()).isEqualTo(303);
    String etag = s3.headObject(b -> b.bucket(BUCKET).key("foo-redirect.txt")).eTag();
    assertThat(moved.headers().firstValue("Location"))
        .contains(
            redirect
                + "?bucket="
                + BUCKET
                + "&key=foo-redirect.txt&etag=%22"
                + etag.replace("\"", "")
                + "%22");
  }

  @Test
  void userMetadataTagsAndChecksumsInForms() throws Exception {
    Map<String, String> meta =
        fields(
            "foo-meta.txt",
            policyJson(
                conditions(
                    "[\"starts-with\",\"$x-amz-meta-foo\",\"bar\"]",
                    "[\"starts-with\",\"$tagging\",\"\"]")));
    meta.put("x-amz-meta-foo", "barclamp");
    meta.put(
        "tagging",
        "<Tagging><TagSet><Tag><Key>0</Key><Value>0</Value></Tag>"
            + "<Tag><Key>1</Key><Value>1</Value></Tag></TagSet></Tagging>");
    assertThat(post(meta).statusCode()).isEqualTo(204);
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("foo-meta.txt")).metadata())
        .containsEntry("foo", "barclamp");
    assertThat(s3.getObjectTagging(b -> b.bucket(BUCKET).key("foo-meta.txt")).tagSet()).hasSize(2);

    byte[] data = "x".repeat(2048).getBytes(StandardCharsets.UTF_8);
    String sha =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    Map<String, String> sum =
        fields(
            "foo-sum.txt",
            policyJson(
                conditions()
                    .replace(
                        "[\"content-length-range\",0,1024]", "[\"content-length-range\",0,4096]")));
    sum.put("x-amz-checksum-sha256", sha); // needs no condition: it only narrows
    HttpResponse<String> r = post(BUCKET, sum, "file", data);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(
            s3.headObject(
                    b ->
                        b.bucket(BUCKET)
                            .key("foo-sum.txt")
                            .checksumMode(
                                software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED))
                .checksumSHA256())
        .isEqualTo(sha);
  }

  @Test
  void sseKmsFieldsEncryptTheUploadUnderTheDefaultKey() throws Exception {
    Map<String, String> kms =
        fields(
            "foo-kms.txt",
            policyJson(conditions("{\"x-amz-server-side-encryption\":\"aws:kms\"}")));
    kms.put("x-amz-server-side-encryption", "aws:kms");
    HttpResponse<String> r = post(kms);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(r.headers().firstValue("x-amz-server-side-encryption")).contains("aws:kms");
    assertThat(r.headers().firstValue("x-amz-server-side-encryption-aws-kms-key-id"))
        .hasValueSatisfying(arn -> assertThat(arn).startsWith("arn:aws:kms:"));
    assertThat(
            s3.headObject(b -> b.bucket(BUCKET).key("foo-kms.txt")).serverSideEncryptionAsString())
        .isEqualTo("aws:kms");
    assertThat(read("foo-kms.txt")).isEqualTo("bar");
  }

  @Test
  void sseS3AndSseCFieldsEncryptTheUpload() throws Exception {
    Map<String, String> s3Managed =
        fields(
            "foo-sse.txt", policyJson(conditions("{\"x-amz-server-side-encryption\":\"AES256\"}")));
    s3Managed.put("x-amz-server-side-encryption", "AES256");
    HttpResponse<String> r = post(s3Managed);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(r.headers().firstValue("x-amz-server-side-encryption")).contains("AES256");
    assertThat(
            s3.headObject(b -> b.bucket(BUCKET).key("foo-sse.txt")).serverSideEncryptionAsString())
        .isEqualTo("AES256");

    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) 7);
    String keyB64 = Base64.getEncoder().encodeToString(key);
    String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
    Map<String, String> customer =
        fields(
            "foo-ssec.txt",
            policyJson(
                conditions(
                    "[\"starts-with\",\"$x-amz-server-side-encryption-customer-algorithm\",\"\"]",
                    "[\"starts-with\",\"$x-amz-server-side-encryption-customer-key\",\"\"]",
                    "[\"starts-with\",\"$x-amz-server-side-encryption-customer-key-MD5\",\"\"]")));
    customer.put("x-amz-server-side-encryption-customer-algorithm", "AES256");
    customer.put("x-amz-server-side-encryption-customer-key", keyB64);
    customer.put("x-amz-server-side-encryption-customer-key-MD5", md5);
    HttpResponse<String> c = post(customer);
    assertThat(c.statusCode()).as(c.body()).isEqualTo(204);
    assertThat(
            s3.getObjectAsBytes(
                    b ->
                        b.bucket(BUCKET)
                            .key("foo-ssec.txt")
                            .sseCustomerAlgorithm("AES256")
                            .sseCustomerKey(keyB64)
                            .sseCustomerKeyMD5(md5))
                .asUtf8String())
        .isEqualTo("bar");
  }

  @Test
  void anonymousFormIntoAPublicWriteBucketWithTags() throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("key", "foo-anon.txt");
    f.put("acl", "public-read");
    f.put("Content-Type", "text/plain");
    f.put("tagging", "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>");
    HttpResponse<String> r = post(f);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(read("foo-anon.txt")).isEqualTo("bar");
    assertThat(s3.getObjectTagging(b -> b.bucket(BUCKET).key("foo-anon.txt")).tagSet()).hasSize(1);
  }

  @Test
  void formForAnotherBucketIsRefused() throws Exception {
    s3.createBucket(b -> b.bucket("v2forms-other"));
    Map<String, String> f = fields("${filename}", policyJson(conditions()));
    f.put("bucket", BUCKET);
    HttpResponse<String> r =
        post("v2forms-other", f, "foo.txt", "bar".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(403);
  }
}
