package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.identity.NewAccessKey;
import dev.dfs.testing.DfsServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Bucket policies that require SSE-KMS, and one specific key, through the condition keys {@code
 * s3:x-amz-server-side-encryption} and {@code s3:x-amz-server-side-encryption-aws-kms-key-id}
 * (AWS's documented pattern: two Deny statements with StringNotEquals, and a Null check).
 */
class KmsPolicySdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client alice;
  static String required;
  static String other;

  @BeforeAll
  static void start() throws Exception {
    DFS.server().identities().addUser("alice", null);
    NewAccessKey key = DFS.server().identities().createAccessKey("alice");
    alice = DFS.server().client(key.key().accessKeyId(), key.secretKey());
    required =
        KmsSdkTest.admin(DFS.server(), "POST", "/kms/keys", "{\"alias\":\"required\"}", 201)
            .get("Arn")
            .asText();
    other = KmsSdkTest.admin(DFS.server(), "POST", "/kms/keys", "{}", 201).get("Arn").asText();
    alice.createBucket(b -> b.bucket("kms-only"));
    String objects = "\"Resource\":\"arn:aws:s3:::kms-only/*\"";
    alice.putBucketPolicy(
        b ->
            b.bucket("kms-only")
                .policy(
                    "{\"Version\":\"2012-10-17\","
                        + "\"Statement\":["
                        + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                        + objects
                        + ","
                        + "\"Condition\":{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption\":\"aws:kms\"}}},"
                        + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                        + objects
                        + ","
                        + "\"Condition\":{\"Null\":{\"s3:x-amz-server-side-encryption-aws-kms-key-id\":\"true\"}}},"
                        + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\","
                        + objects
                        + ","
                        + "\"Condition\":{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption-aws-kms-key-id\":"
                        + "\""
                        + required
                        + "\"}}}]}"));
  }

  @Test
  void onlyKmsWithTheRequiredKeyIsAllowed() {
    var put =
        alice.putObject(
            b ->
                b.bucket("kms-only")
                    .key("ok")
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId(required),
            RequestBody.fromString("ok"));
    assertThat(put.ssekmsKeyId()).isEqualTo(required);
    expectError(
        403,
        "AccessDenied",
        () -> alice.putObject(b -> b.bucket("kms-only").key("plain"), RequestBody.fromString("x")));
    expectError(
        403,
        "AccessDenied",
        () ->
            alice.putObject(
                b ->
                    b.bucket("kms-only")
                        .key("s3")
                        .serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("x")));
    expectError(
        403,
        "AccessDenied",
        () ->
            alice.putObject(
                b ->
                    b.bucket("kms-only")
                        .key("dflt")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("x")));
    expectError(
        403,
        "AccessDenied",
        () ->
            alice.putObject(
                b ->
                    b.bucket("kms-only")
                        .key("other")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsKeyId(other),
                RequestBody.fromString("x")));
    assertThat(alice.getObjectAsBytes(b -> b.bucket("kms-only").key("ok")).asUtf8String())
        .isEqualTo("ok");
  }
}
