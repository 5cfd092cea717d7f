package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static dev.dfs.s3.SdkTestSupport.md5Hex;
import static dev.dfs.s3.SdkTestSupport.quoted;
import static dev.dfs.s3.SdkTestSupport.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** SSE-KMS with DFS's key service, through the AWS SDK v2 and /api/v1/kms/keys. */
class KmsSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static S3Client s3;
  static final String B = "kms";
  static String appArn;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(B));
    JsonNode app = admin("POST", "/kms/keys", "{\"alias\":\"app\",\"description\":\"d\"}", 201);
    appArn = app.get("Arn").asText();
  }

  /** Calls the management API as root; checks the status; returns the JSON body. */
  static JsonNode admin(String method, String path, String body, int status) throws Exception {
    return admin(DFS.server(), method, path, body, status);
  }

  /** {@link #admin(String, String, String, int)} on {@code server}. */
  static JsonNode admin(DfsTestServer server, String method, String path, String body, int status)
      throws Exception {
    HttpRequest.BodyPublisher p =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1" + path))
                .header("X-Api-Key", DfsTestServer.API_KEY)
                .method(method, p)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  static String context(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static String get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(B).key(key)).asUtf8String();
  }

  @Test
  void keyServiceApiCreatesListsDescribesAndRefuses() throws Exception {
    JsonNode k = admin("GET", "/kms/keys/alias%2Fapp", null, 200);
    assertThat(k.get("Arn").asText())
        .isEqualTo(appArn)
        .matches("arn:aws:kms:us-east-1:000000000000:key/[0-9a-f-]{36}");
    assertThat(k.get("KeyState").asText()).isEqualTo("Enabled");
    assertThat(k.get("Aliases").get(0).asText()).isEqualTo("alias/app");
    assertThat(k.toString()).doesNotContain("material");
    assertThat(admin("GET", "/kms/keys/" + k.get("KeyId").asText(), null, 200).get("Arn").asText())
        .isEqualTo(appArn);
    List<String> arns = new ArrayList<>();
    admin("GET", "/kms/keys", null, 200).get("keys").forEach(n -> arns.add(n.get("Arn").asText()));
    assertThat(arns).contains(appArn);
    assertThat(admin("GET", "/kms/keys/nope", null, 404).get("code").asText())
        .isEqualTo("NotFoundException");
    admin("POST", "/kms/keys", "{\"alias\":\"app\"}", 400);
    admin("POST", "/kms/keys", "{\"alias\":\"aws/mine\"}", 400);
    admin("POST", "/kms/keys", "[1]", 400);
  }

  @Test
  void putHeadGetCarryTheKeyContextAndBucketKey() {
    String ctx = context("{\"project\":\"x\"}");
    var put =
        s3.putObject(
            b ->
                b.bucket(B)
                    .key("o")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId("alias/app")
                    .ssekmsEncryptionContext(ctx)
                    .bucketKeyEnabled(true),
            RequestBody.fromString("hello kms"));
    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(put.ssekmsKeyId()).isEqualTo(appArn);
    assertThat(put.ssekmsEncryptionContext()).isEqualTo(ctx);
    assertThat(put.bucketKeyEnabled()).isTrue();
    assertThat(put.eTag())
        .isNotEqualTo(quoted(md5Hex("hello kms".getBytes(StandardCharsets.UTF_8))));
    var head = s3.headObject(b -> b.bucket(B).key("o"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).isEqualTo(appArn);
    assertThat(head.bucketKeyEnabled()).isTrue();
    var got = s3.getObjectAsBytes(b -> b.bucket(B).key("o"));
    assertThat(got.asUtf8String()).isEqualTo("hello kms");
    assertThat(got.response().ssekmsKeyId()).isEqualTo(appArn);
  }

  @Test
  void withoutAKeyIdTheDefaultKeyIsCreatedAndUsed() throws Exception {
    var put =
        s3.putObject(
            b -> b.bucket(B).key("d").serverSideEncryption(ServerSideEncryption.AWS_KMS),
            RequestBody.fromString("default"));
    JsonNode def = admin("GET", "/kms/keys/alias%2Faws%2Fs3", null, 200);
    assertThat(put.ssekmsKeyId()).isEqualTo(def.get("Arn").asText());
    assertThat(put.bucketKeyEnabled()).isNull();
    assertThat(get("d")).isEqualTo("default");
    var dsse =
        s3.putObject(
            b ->
                b.bucket(B)
                    .key("dsse")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS_DSSE)
                    .ssekmsKeyId(appArn),
            RequestBody.fromString("dual"));
    assertThat(dsse.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS_DSSE);
    assertThat(s3.headObject(b -> b.bucket(B).key("dsse")).serverSideEncryption())
        .isEqualTo(ServerSideEncryption.AWS_KMS_DSSE);
  }

  @Test
  void requestErrorsAreAwsErrorsAndStoreNothing() {
    expectError(
        400,
        "KMS.NotFoundException",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("e")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsKeyId("alias/none"),
                RequestBody.fromString("x")));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObject(
                b -> b.bucket(B).key("e").ssekmsKeyId(appArn), RequestBody.fromString("x")));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("e")
                        .serverSideEncryption(ServerSideEncryption.AES256)
                        .ssekmsKeyId(appArn),
                RequestBody.fromString("x")));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("e")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsEncryptionContext("bm90IGpzb24="),
                RequestBody.fromString("x")));
    byte[] customer = randomBytes(32, 9);
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("e")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(Base64.getEncoder().encodeToString(customer))
                        .sseCustomerKeyMD5(
                            Base64.getEncoder().encodeToString(SdkTestSupport.md5(customer))),
                RequestBody.fromString("x")));
    expectError(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(B).key("e")));
  }

  @Test
  void readsThatDeclareKmsAreRefused() {
    s3.putObject(
        b ->
            b.bucket(B)
                .key("r")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(appArn),
        RequestBody.fromString("r"));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.getObjectAsBytes(
                b ->
                    b.bucket(B)
                        .key("r")
                        .overrideConfiguration(
                            o -> o.putHeader("x-amz-server-side-encryption", "aws:kms"))));
  }

  @Test
  void aDisabledKeyNeitherWritesNorReadsUntilEnabledAndRotationKeepsOldObjects() throws Exception {
    String arn = admin("POST", "/kms/keys", "{}", 201).get("Arn").asText();
    String path = "/kms/keys/" + arn.replace("/", "%2F");
    s3.putObject(
        b ->
            b.bucket(B)
                .key("v1")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(arn),
        RequestBody.fromString("one"));
    assertThat(admin("POST", path + "/disable", null, 200).get("KeyState").asText())
        .isEqualTo("Disabled");
    expectError(
        400,
        "KMS.DisabledException",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("v2")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsKeyId(arn),
                RequestBody.fromString("x")));
    expectError(
        400, "KMS.DisabledException", () -> s3.getObjectAsBytes(b -> b.bucket(B).key("v1")));
    admin("POST", path + "/rotate", null, 409);
    admin("POST", path + "/enable", null, 200);
    assertThat(admin("POST", path + "/rotate", null, 200).get("KeyVersion").asInt()).isEqualTo(2);
    s3.putObject(
        b ->
            b.bucket(B)
                .key("v2")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(arn),
        RequestBody.fromString("two"));
    assertThat(get("v1")).isEqualTo("one");
    assertThat(get("v2")).isEqualTo("two");
  }

  @Test
  void copyChangesEncryptionEitherWay() {
    s3.putObject(b -> b.bucket(B).key("plain"), RequestBody.fromString("copy me"));
    var toKms =
        s3.copyObject(
            b ->
                b.sourceBucket(B)
                    .sourceKey("plain")
                    .destinationBucket(B)
                    .destinationKey("c-kms")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId("alias/app")
                    .ssekmsEncryptionContext(context("{\"a\":\"b\"}")));
    assertThat(toKms.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(toKms.ssekmsKeyId()).isEqualTo(appArn);
    assertThat(toKms.ssekmsEncryptionContext()).isEqualTo(context("{\"a\":\"b\"}"));
    assertThat(get("c-kms")).isEqualTo("copy me");
    var toS3 =
        s3.copyObject(
            b ->
                b.sourceBucket(B)
                    .sourceKey("c-kms")
                    .destinationBucket(B)
                    .destinationKey("c-kms")
                    .serverSideEncryption(ServerSideEncryption.AES256));
    assertThat(toS3.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(toS3.ssekmsKeyId()).isNull();
    assertThat(s3.headObject(b -> b.bucket(B).key("c-kms")).ssekmsKeyId()).isNull();
    assertThat(get("c-kms")).isEqualTo("copy me");
    expectError(
        400,
        "KMS.NotFoundException",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(B)
                        .sourceKey("plain")
                        .destinationBucket(B)
                        .destinationKey("c-bad")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsKeyId("nope")));
  }

  @Test
  void multipartUploadUnderAKmsKey() {
    byte[] part1 = randomBytes(5 * 1024 * 1024, 11);
    byte[] part2 = randomBytes(1000, 12);
    var created =
        s3.createMultipartUpload(
            b ->
                b.bucket(B)
                    .key("mp")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId("alias/app")
                    .bucketKeyEnabled(true));
    assertThat(created.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(created.ssekmsKeyId()).isEqualTo(appArn);
    String id = created.uploadId();
    var p1 =
        s3.uploadPart(
            b -> b.bucket(B).key("mp").uploadId(id).partNumber(1), RequestBody.fromBytes(part1));
    assertThat(p1.ssekmsKeyId()).isEqualTo(appArn);
    var p2 =
        s3.uploadPart(
            b -> b.bucket(B).key("mp").uploadId(id).partNumber(2), RequestBody.fromBytes(part2));
    var done =
        s3.completeMultipartUpload(
            b ->
                b.bucket(B)
                    .key("mp")
                    .uploadId(id)
                    .multipartUpload(
                        m ->
                            m.parts(
                                CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(),
                                CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build())));
    assertThat(done.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(done.ssekmsKeyId()).isEqualTo(appArn);
    assertThat(done.bucketKeyEnabled()).isTrue();
    byte[] got = s3.getObjectAsBytes(b -> b.bucket(B).key("mp")).asByteArray();
    assertThat(got).hasSize(part1.length + part2.length);
    assertThat(java.util.Arrays.copyOfRange(got, part1.length, got.length)).isEqualTo(part2);
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void bucketDefaultKmsAppliesToNewObjects() {
    s3.createBucket(b -> b.bucket("kms-default"));
    s3.putBucketEncryption(
        b ->
            b.bucket("kms-default")
                .serverSideEncryptionConfiguration(
                    c ->
                        c.rules(
                            r ->
                                r.bucketKeyEnabled(true)
                                    .applyServerSideEncryptionByDefault(
                                        d ->
                                            d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                                                .kmsMasterKeyID("alias/app")))));
    var rule =
        s3.getBucketEncryption(b -> b.bucket("kms-default"))
            .serverSideEncryptionConfiguration()
            .rules()
            .get(0);
    assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo("alias/app");
    assertThat(rule.bucketKeyEnabled()).isTrue();
    var put = s3.putObject(b -> b.bucket("kms-default").key("o"), RequestBody.fromString("dflt"));
    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(put.ssekmsKeyId()).isEqualTo(appArn);
    assertThat(put.bucketKeyEnabled()).isTrue();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("kms-default").key("o")).asUtf8String())
        .isEqualTo("dflt");
    var aes =
        s3.putObject(
            b -> b.bucket("kms-default").key("a").serverSideEncryption(ServerSideEncryption.AES256),
            RequestBody.fromString("a"));
    assertThat(aes.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
  }
}
