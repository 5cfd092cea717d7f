package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.auth.Credential;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;

/**
 * Bucket policies and the authorizer, end to end with the AWS SDK: two users (alice, bob) and root,
 * anonymous requests over plain HTTP, conditions on the source IP and on TLS.
 */
class PolicySdkTest {
  @RegisterExtension
  static final DfsServerExtension DFS =
      DfsServerExtension.local()
          .credentials(
              new StaticCredentialStore(
                  List.of(
                      new Credential("root", DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY),
                      new Credential("alice", "ALICEACCESSKEY", "alice-secret-key-0123456789"),
                      new Credential("bob", "BOBACCESSKEY", "bob-secret-key-0123456789")),
                  Map.of(DfsTestServer.API_KEY, "root")));

  static S3Client root;
  static S3Client alice;
  static S3Client bob;
  static RawHttp anonymous;

  @BeforeAll
  static void start() throws Exception {
    root = DFS.client();
    alice = DFS.server().client("ALICEACCESSKEY", "alice-secret-key-0123456789");
    bob = DFS.server().client("BOBACCESSKEY", "bob-secret-key-0123456789");
    anonymous = new RawHttp(DFS.server().endpoint());
  }

  static void aliceBucket(String name, String... keys) {
    alice.createBucket(b -> b.bucket(name));
    for (String k : keys) {
      alice.putObject(b -> b.bucket(name).key(k), RequestBody.fromString("data of " + k));
    }
  }

  static void policy(S3Client client, String bucket, String statements) {
    client.putBucketPolicy(
        b ->
            b.bucket(bucket)
                .policy("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
  }

  static String read(S3Client client, String bucket, String key) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  /** Conditions on CopyObject's source and metadata directive, and on grant headers. */
  @Test
  void copySourceMetadataDirectiveAndGrantConditions() {
    aliceBucket("alice-copy", "public/a.txt", "secret/b.txt");
    policy(
        alice,
        "alice-copy",
        """
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
         "Action":"s3:GetObject","Resource":"arn:aws:s3:::alice-copy/*"},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
         "Action":"s3:PutObject","Resource":"arn:aws:s3:::alice-copy/copies/*",
         "Condition":{"StringLike":{"s3:x-amz-copy-source":"alice-copy/public/*"}}},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
         "Action":"s3:PutObject","Resource":"arn:aws:s3:::alice-copy/uploads/*"},
        {"Effect":"Deny","Principal":"*","Action":"s3:PutObject",
         "Resource":"arn:aws:s3:::alice-copy/*",
         "Condition":{"StringEquals":{"s3:x-amz-metadata-directive":"REPLACE"}}},
        {"Effect":"Deny","Principal":"*","Action":"s3:PutObject",
         "Resource":"arn:aws:s3:::alice-copy/*",
         "Condition":{"StringLike":{"s3:x-amz-grant-read":"*"}}}""");
    bob.copyObject(
        b ->
            b.sourceBucket("alice-copy")
                .sourceKey("public/a.txt")
                .destinationBucket("alice-copy")
                .destinationKey("copies/a.txt"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.copyObject(
                b ->
                    b.sourceBucket("alice-copy")
                        .sourceKey("secret/b.txt")
                        .destinationBucket("alice-copy")
                        .destinationKey("copies/b.txt")));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.copyObject(
                b ->
                    b.sourceBucket("alice-copy")
                        .sourceKey("public/a.txt")
                        .destinationBucket("alice-copy")
                        .destinationKey("copies/c.txt")
                        .metadataDirective("REPLACE")));
    bob.putObject(b -> b.bucket("alice-copy").key("uploads/plain"), RequestBody.fromString("x"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("alice-copy").key("uploads/granted").grantRead("id=\"alice\""),
                RequestBody.fromString("x")));
    assertThat(read(bob, "alice-copy", "copies/a.txt")).isEqualTo("data of public/a.txt");
  }

  /**
   * NotPrincipal, request tags (s3:RequestObjectTag/*, s3:RequestObjectTagKeys), the canned ACL and
   * SSE-C algorithm headers on PutObject, and ...IfExists on a header the request lacks.
   */
  @Test
  void notPrincipalRequestTagsAclAndSseCustomerConditions() throws Exception {
    aliceBucket("alice-conds");
    policy(
        alice,
        "alice-conds",
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
         "Resource":"arn:aws:s3:::alice-conds/*"},
        {"Effect":"Deny","NotPrincipal":{"AWS":"alice"},"Action":"s3:GetObject",
         "Resource":"arn:aws:s3:::alice-conds/secret/*"},
        {"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"s3:PutObject",
         "Resource":"arn:aws:s3:::alice-conds/tagged/*",
         "Condition":{"StringEquals":{"s3:RequestObjectTag/project":"apollo"},
                      "ForAllValues:StringEquals":{"s3:RequestObjectTagKeys":["project","owner"]}}},
        {"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"s3:PutObject",
         "Resource":"arn:aws:s3:::alice-conds/acl/*",
         "Condition":{"StringEqualsIfExists":{"s3:x-amz-acl":"private"}}},
        {"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"s3:PutObject",
         "Resource":"arn:aws:s3:::alice-conds/sse/*",
         "Condition":{"StringEquals":{
             "s3:x-amz-server-side-encryption-customer-algorithm":"AES256"}}}""");
    // NotPrincipal: the Deny spares alice only
    alice.putObject(b -> b.bucket("alice-conds").key("x"), RequestBody.fromString("x"));
    alice.putObject(b -> b.bucket("alice-conds").key("secret/y"), RequestBody.fromString("y"));
    assertThat(anonymous.get("/alice-conds/x").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/alice-conds/secret/y").statusCode()).isEqualTo(403);
    expectError(403, "AccessDenied", () -> read(bob, "alice-conds", "secret/y"));
    assertThat(read(alice, "alice-conds", "secret/y")).isEqualTo("y");

    bob.putObject(
        b -> b.bucket("alice-conds").key("tagged/ok").tagging("project=apollo&owner=b"),
        RequestBody.fromString("x"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("alice-conds").key("tagged/other").tagging("project=gemini"),
                RequestBody.fromString("x")));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("alice-conds").key("tagged/extra").tagging("project=apollo&cost=1"),
                RequestBody.fromString("x")));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("alice-conds").key("tagged/none"), RequestBody.fromString("x")));

    bob.putObject(b -> b.bucket("alice-conds").key("acl/absent"), RequestBody.fromString("x"));
    bob.putObject(
        b ->
            b.bucket("alice-conds")
                .key("acl/private")
                .acl(software.amazon.awssdk.services.s3.model.ObjectCannedACL.PRIVATE),
        RequestBody.fromString("x"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b ->
                    b.bucket("alice-conds")
                        .key("acl/public")
                        .acl(software.amazon.awssdk.services.s3.model.ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));

    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("alice-conds").key("sse/plain"), RequestBody.fromString("x")));
    byte[] key = new byte[32];
    String keyMd5 =
        java.util.Base64.getEncoder()
            .encodeToString(java.security.MessageDigest.getInstance("MD5").digest(key));
    bob.putObject(
        b ->
            b.bucket("alice-conds")
                .key("sse/sealed")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(java.util.Base64.getEncoder().encodeToString(key))
                .sseCustomerKeyMD5(keyMd5),
        RequestBody.fromString("x"));
  }

  /** S3 says a key is missing (404) only to a caller that may list the bucket; else 403. */
  @Test
  void aMissingKeyIsNotFoundOnlyForCallersAllowedToList() {
    aliceBucket("alice-missing", "shared/a.txt");
    policy(
        alice,
        "alice-missing",
        """
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
         "Action":["s3:GetObject","s3:GetObjectAttributes"],
         "Resource":"arn:aws:s3:::alice-missing/shared/*"}""");
    expectError(403, "AccessDenied", () -> read(bob, "alice-missing", "shared/none.txt"));
    expectError(
        403, null, () -> bob.headObject(b -> b.bucket("alice-missing").key("shared/none.txt")));
    expectError(404, "NoSuchKey", () -> read(alice, "alice-missing", "shared/none.txt"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.getObjectAttributes(
                b ->
                    b.bucket("alice-missing")
                        .key("shared/none.txt")
                        .objectAttributes(ObjectAttributes.OBJECT_SIZE)));
    policy(
        alice,
        "alice-missing",
        """
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
         "Action":["s3:GetObject","s3:GetObjectAttributes"],
         "Resource":"arn:aws:s3:::alice-missing/shared/*"},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
         "Action":"s3:ListBucket","Resource":"arn:aws:s3:::alice-missing"}""");
    expectError(404, "NoSuchKey", () -> read(bob, "alice-missing", "shared/none.txt"));
    expectError(
        404,
        "NoSuchKey",
        () ->
            bob.getObjectAttributes(
                b ->
                    b.bucket("alice-missing")
                        .key("shared/none.txt")
                        .objectAttributes(ObjectAttributes.OBJECT_SIZE)));
    expectError(
        404, null, () -> bob.headObject(b -> b.bucket("alice-missing").key("shared/none.txt")));
    assertThat(read(bob, "alice-missing", "shared/a.txt")).isEqualTo("data of shared/a.txt");
  }

  @Test
  void otherUsersGetNothingUntilThePolicyGrantsExactlyThat() {
    aliceBucket("alice-data", "shared/a.txt", "private/b.txt");
    expectError(403, "AccessDenied", () -> bob.listObjectsV2(b -> b.bucket("alice-data")));
    expectError(403, "AccessDenied", () -> read(bob, "alice-data", "shared/a.txt"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("alice-data").key("shared/x"), RequestBody.fromString("x")));
    expectError(
        403,
        "AccessDenied",
        () -> bob.deleteObject(b -> b.bucket("alice-data").key("shared/a.txt")));
    expectError(403, "AccessDenied", () -> bob.deleteBucket(b -> b.bucket("alice-data")));

    policy(
        alice,
        "alice-data",
        """
        {"Sid":"BobReadsShared","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/bob"},
         "Action":"s3:GetObject","Resource":"arn:aws:s3:::alice-data/shared/*"}""");
    assertThat(read(bob, "alice-data", "shared/a.txt")).isEqualTo("data of shared/a.txt");
    expectError(403, "AccessDenied", () -> read(bob, "alice-data", "private/b.txt"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("alice-data").key("shared/x"), RequestBody.fromString("x")));
    expectError(403, "AccessDenied", () -> bob.listObjectsV2(b -> b.bucket("alice-data")));
    // the owner and root keep full access
    assertThat(read(alice, "alice-data", "private/b.txt")).isEqualTo("data of private/b.txt");
    assertThat(read(root, "alice-data", "private/b.txt")).isEqualTo("data of private/b.txt");

    // a copy reads its source: bob may not copy what he may not read into his own bucket
    bob.createBucket(b -> b.bucket("bob-copies"));
    bob.copyObject(
        b ->
            b.sourceBucket("alice-data")
                .sourceKey("shared/a.txt")
                .destinationBucket("bob-copies")
                .destinationKey("a"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.copyObject(
                b ->
                    b.sourceBucket("alice-data")
                        .sourceKey("private/b.txt")
                        .destinationBucket("bob-copies")
                        .destinationKey("b")));

    alice.deleteBucketPolicy(b -> b.bucket("alice-data"));
    expectError(403, "AccessDenied", () -> read(bob, "alice-data", "shared/a.txt"));
  }

  @Test
  void listBucketsShowsOnlyTheCallersBuckets() {
    alice.createBucket(b -> b.bucket("alice-listed"));
    bob.createBucket(b -> b.bucket("bob-listed"));
    assertThat(names(alice)).contains("alice-listed").doesNotContain("bob-listed");
    assertThat(names(bob)).contains("bob-listed").doesNotContain("alice-listed");
    assertThat(names(root)).contains("alice-listed", "bob-listed");
    // a name taken by another user is not available; the owner may re-create in us-east-1
    expectError(409, "BucketAlreadyExists", () -> bob.createBucket(b -> b.bucket("alice-listed")));
    alice.createBucket(b -> b.bucket("alice-listed"));
  }

  static List<String> names(S3Client c) {
    return c.listBuckets().buckets().stream().map(Bucket::name).toList();
  }

  @Test
  void onlyTheOwnerManagesThePolicy() {
    aliceBucket("alice-managed");
    policy(
        alice,
        "alice-managed",
        """
        {"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"s3:*","Resource":["arn:aws:s3:::alice-managed","arn:aws:s3:::alice-managed/*"]}""");
    bob.putObject(b -> b.bucket("alice-managed").key("k"), RequestBody.fromString("from bob"));
    expectError(403, "AccessDenied", () -> bob.getBucketPolicy(b -> b.bucket("alice-managed")));
    expectError(
        403,
        "AccessDenied",
        () ->
            policy(
                bob,
                "alice-managed",
                """
        {"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::alice-managed/*"}"""));
    expectError(403, "AccessDenied", () -> bob.deleteBucketPolicy(b -> b.bucket("alice-managed")));
    // an owner cannot lock itself out of its policy
    policy(
        alice,
        "alice-managed",
        """
        {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::alice-managed","arn:aws:s3:::alice-managed/*"]}""");
    expectError(403, "AccessDenied", () -> alice.listObjectsV2(b -> b.bucket("alice-managed")));
    assertThat(alice.getBucketPolicy(b -> b.bucket("alice-managed")).policy()).contains("Deny");
    assertThat(root.listObjectsV2(b -> b.bucket("alice-managed")).contents()).hasSize(1);
    alice.deleteBucketPolicy(b -> b.bucket("alice-managed"));
    assertThat(alice.listObjectsV2(b -> b.bucket("alice-managed")).contents()).hasSize(1);
  }

  @Test
  void anonymousReadsWhatThePolicyMakesPublicAndNothingElse() throws Exception {
    aliceBucket("alice-public", "img/cat.jpg");
    aliceBucket("alice-closed", "img/dog.jpg");
    assertThat(anonymous.get("/alice-public/img/cat.jpg").statusCode()).isEqualTo(403);
    policy(
        alice,
        "alice-public",
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::alice-public/*"}""");
    HttpResponse<String> got = anonymous.get("/alice-public/img/cat.jpg");
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo("data of img/cat.jpg");
    assertThat(anonymous.send("HEAD", "/alice-public/img/cat.jpg", null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> list = anonymous.get("/alice-public?list-type=2");
    assertThat(list.statusCode()).isEqualTo(403);
    assertThat(list.body()).contains("<Code>AccessDenied</Code>");
    assertThat(anonymous.send("PUT", "/alice-public/img/new.jpg", "x").statusCode()).isEqualTo(403);
    assertThat(anonymous.send("DELETE", "/alice-public/img/cat.jpg", null).statusCode())
        .isEqualTo(403);
    assertThat(anonymous.get("/alice-public?policy").statusCode()).isEqualTo(403);
    assertThat(anonymous.get("/alice-closed/img/dog.jpg").statusCode()).isEqualTo(403);
    assertThat(anonymous.get("/").statusCode()).isEqualTo(403);
    assertThat(anonymous.send("PUT", "/anonymous-bucket", null).statusCode()).isEqualTo(403);
    assertThat(names(root)).doesNotContain("anonymous-bucket");
    // a request whose signature fails is refused, not treated as anonymous
    S3Client wrongSecret = DFS.server().client("ALICEACCESSKEY", "not-alice-secret");
    expectError(
        403, "SignatureDoesNotMatch", () -> read(wrongSecret, "alice-public", "img/cat.jpg"));
  }

  @Test
  void policyStatusAndDocumentRoundTrip() {
    aliceBucket("alice-status");
    expectError(
        404, "NoSuchBucketPolicy", () -> alice.getBucketPolicy(b -> b.bucket("alice-status")));
    expectError(
        404,
        "NoSuchBucketPolicy",
        () -> alice.getBucketPolicyStatus(b -> b.bucket("alice-status")));
    String doc =
        """
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"AWS": "bob"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::alice-status/*"}]}""";
    alice.putBucketPolicy(b -> b.bucket("alice-status").policy(doc));
    assertThat(alice.getBucketPolicy(b -> b.bucket("alice-status")).policy()).isEqualTo(doc);
    assertThat(alice.getBucketPolicyStatus(b -> b.bucket("alice-status")).policyStatus().isPublic())
        .isFalse();
    policy(
        alice,
        "alice-status",
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::alice-status/*"}""");
    assertThat(alice.getBucketPolicyStatus(b -> b.bucket("alice-status")).policyStatus().isPublic())
        .isTrue();
    policy(
        alice,
        "alice-status",
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::alice-status/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}""");
    assertThat(root.getBucketPolicyStatus(b -> b.bucket("alice-status")).policyStatus().isPublic())
        .isFalse();
    alice.deleteBucketPolicy(b -> b.bucket("alice-status"));
    alice.deleteBucketPolicy(b -> b.bucket("alice-status"));
    expectError(
        404, "NoSuchBucketPolicy", () -> alice.getBucketPolicy(b -> b.bucket("alice-status")));
    expectError(
        404, "NoSuchBucket", () -> alice.getBucketPolicy(b -> b.bucket("no-such-bucket-here")));
  }

  @Test
  void malformedPolicies() {
    aliceBucket("alice-malformed");
    String ok =
        "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::alice-malformed/*\"";
    for (String[] bad :
        new String[][] {
          {"{not json", "invalid Json"},
          {"{\"Version\":\"2012-10-17\"}", "Missing required field Statement"},
          {
            "{\"Statement\":{" + ok.replace("alice-malformed", "other-bucket") + "}}",
            "Policy has invalid resource"
          },
          {
            "{\"Statement\":{" + ok.replace("\"Principal\":\"*\",", "") + "}}",
            "Missing required field Principal"
          },
          {"{\"Statement\":{" + ok.replace("Allow", "Maybe") + "}}", "Invalid effect"},
          {
            "{\"Statement\":{" + ok + ",\"Condition\":{\"StringSimilar\":{\"s3:prefix\":\"a\"}}}}",
            "Invalid Condition type"
          },
          {"{\"Version\":\"2020-01-01\",\"Statement\":{" + ok + "}}", "version"},
          {
            "{\"Id\":\"" + "x".repeat(21_000) + "\",\"Statement\":{" + ok + "}}",
            "maximum allowed document size"
          }
        }) {
      var e =
          expectError(
              400,
              "MalformedPolicy",
              () -> alice.putBucketPolicy(b -> b.bucket("alice-malformed").policy(bad[0])));
      assertThat(e.awsErrorDetails().errorMessage()).contains(bad[1]);
    }
    expectError(
        404, "NoSuchBucketPolicy", () -> alice.getBucketPolicy(b -> b.bucket("alice-malformed")));
  }

  @Test
  void sourceIpConditions() {
    aliceBucket("alice-ip", "a.txt");
    String grant =
        """
        {"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::alice-ip/*"}""";
    policy(
        alice,
        "alice-ip",
        grant
            + """
        ,{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::alice-ip/*","Condition":{"NotIpAddress":{"aws:SourceIp":["127.0.0.0/8","::1/128"]}}}""");
    assertThat(read(bob, "alice-ip", "a.txt")).isEqualTo("data of a.txt");
    policy(
        alice,
        "alice-ip",
        grant
            + """
        ,{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::alice-ip/*","Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.1/32"}}}""");
    expectError(403, "AccessDenied", () -> read(bob, "alice-ip", "a.txt"));
    expectError(403, "AccessDenied", () -> read(alice, "alice-ip", "a.txt"));
    assertThat(read(root, "alice-ip", "a.txt")).isEqualTo("data of a.txt");
  }

  @Test
  void secureTransportDenyBlocksPlainHttp() throws Exception {
    aliceBucket("alice-tls", "a.txt");
    policy(
        alice,
        "alice-tls",
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::alice-tls/*"},
        {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::alice-tls/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""");
    expectError(403, "AccessDenied", () -> read(alice, "alice-tls", "a.txt"));
    expectError(403, "AccessDenied", () -> read(bob, "alice-tls", "a.txt"));
    assertThat(anonymous.get("/alice-tls/a.txt").statusCode()).isEqualTo(403);
    assertThat(read(root, "alice-tls", "a.txt")).isEqualTo("data of a.txt");
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void deleteObjectsIsDecidedKeyByKey() {
    aliceBucket("alice-multi", "tmp/a", "keep/b");
    policy(
        alice,
        "alice-multi",
        """
        {"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"s3:DeleteObject","Resource":"arn:aws:s3:::alice-multi/tmp/*"}""");
    var result =
        bob.deleteObjects(
            b ->
                b.bucket("alice-multi")
                    .delete(d -> d.objects(o -> o.key("tmp/a"), o -> o.key("keep/b"))));
    assertThat(result.deleted()).extracting(d -> d.key()).containsExactly("tmp/a");
    assertThat(result.errors())
        .extracting(e -> e.key() + " " + e.code())
        .containsExactly("keep/b AccessDenied");
    assertThat(alice.listObjectsV2(b -> b.bucket("alice-multi")).contents())
        .extracting(o -> o.key())
        .containsExactly("keep/b");
  }

  @Test
  void anonymousFormUploadNeedsAPolicyThatAllowsIt() throws Exception {
    aliceBucket("alice-drop");
    assertThat(postForm("alice-drop", "inbox/one.txt").statusCode()).isEqualTo(403);
    policy(
        alice,
        "alice-drop",
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::alice-drop/inbox/*"}""");
    assertThat(postForm("alice-drop", "inbox/one.txt").statusCode()).isEqualTo(204);
    assertThat(read(alice, "alice-drop", "inbox/one.txt")).isEqualTo("form file");
    assertThat(postForm("alice-drop", "elsewhere/two.txt").statusCode()).isEqualTo(403);
  }

  /** An unsigned browser form upload (POST Object without policy). */
  static HttpResponse<String> postForm(String bucket, String key) throws Exception {
    String boundary = "----dfsboundary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"
            + key
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nform file\r\n--"
            + boundary
            + "--\r\n";
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(DFS.server().endpoint() + "/" + bucket))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build();
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void missingBucketsAreStillNoSuchBucket() throws Exception {
    expectError(404, "NoSuchBucket", () -> bob.listObjectsV2(b -> b.bucket("nobody-has-this")));
    assertThat(anonymous.get("/nobody-has-this/k").statusCode()).isEqualTo(404);
  }
}
