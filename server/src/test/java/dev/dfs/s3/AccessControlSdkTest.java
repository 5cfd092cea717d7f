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
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;

/**
 * The pieces of access control working together on the real server, with users made through the
 * identity store as an operator makes them: ACL grants between users and to anonymous callers,
 * Block Public Access over ACLs and policies, and a user's identity policy.
 */
class AccessControlSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client alice;
  static S3Client bob;
  static RawHttp anonymous;

  @BeforeAll
  static void start() throws Exception {
    alice = clientOf("alice", null);
    bob = clientOf("bob", null);
    anonymous = new RawHttp(DFS.server().endpoint());
  }

  static S3Client clientOf(String user, String policy) throws Exception {
    DFS.server().identities().addUser(user, policy);
    NewAccessKey key = DFS.server().identities().createAccessKey(user);
    return DFS.server().client(key.key().accessKeyId(), key.secretKey());
  }

  static String read(S3Client client, String bucket, String key) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  @Test
  void objectAclsGrantOtherUsersAndAnonymousExactlyWhatTheySay() throws Exception {
    alice.createBucket(b -> b.bucket("acl-shared").objectOwnership(ObjectOwnership.OBJECT_WRITER));
    alice.putObject(b -> b.bucket("acl-shared").key("for-bob"), RequestBody.fromString("hi bob"));
    alice.putObject(
        b -> b.bucket("acl-shared").key("public").acl(ObjectCannedACL.PUBLIC_READ),
        RequestBody.fromString("hi world"));
    alice.putObject(b -> b.bucket("acl-shared").key("private"), RequestBody.fromString("mine"));

    expectError(403, "AccessDenied", () -> read(bob, "acl-shared", "for-bob"));
    alice.putObjectAcl(b -> b.bucket("acl-shared").key("for-bob").grantRead("id=\"bob\""));
    assertThat(read(bob, "acl-shared", "for-bob")).isEqualTo("hi bob");
    // READ on an object is no WRITE on the bucket, and no READ of the other objects.
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("acl-shared").key("for-bob"), RequestBody.fromString("overwritten")));
    expectError(403, "AccessDenied", () -> read(bob, "acl-shared", "private"));
    expectError(403, "AccessDenied", () -> bob.listObjectsV2(b -> b.bucket("acl-shared")));

    assertThat(read(bob, "acl-shared", "public")).isEqualTo("hi world");
    assertThat(anonymous.get("/acl-shared/public").body()).isEqualTo("hi world");
    assertThat(anonymous.get("/acl-shared/private").statusCode()).isEqualTo(403);
    assertThat(anonymous.get("/acl-shared?list-type=2").statusCode()).isEqualTo(403);
    assertThat(anonymous.send("PUT", "/acl-shared/new", "x").statusCode()).isEqualTo(403);
  }

  @Test
  void aBucketAclLetsAnotherUserWriteAndList() {
    alice.createBucket(b -> b.bucket("acl-dropbox").objectOwnership(ObjectOwnership.OBJECT_WRITER));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.putObject(
                b -> b.bucket("acl-dropbox").key("from-bob"), RequestBody.fromString("x")));
    alice.putBucketAcl(
        b ->
            b.bucket("acl-dropbox")
                .grantWrite("id=\"bob\"")
                .grantRead("id=\"bob\"")
                .grantFullControl("id=\"alice\""));
    bob.putObject(b -> b.bucket("acl-dropbox").key("from-bob"), RequestBody.fromString("x"));
    assertThat(bob.listObjectsV2(b -> b.bucket("acl-dropbox")).contents())
        .extracting(o -> o.key())
        .containsExactly("from-bob");
  }

  @Test
  void blockPublicAccessOverridesPublicAclsAndPolicies() throws Exception {
    alice.createBucket(b -> b.bucket("acl-blocked").objectOwnership(ObjectOwnership.OBJECT_WRITER));
    alice.putObject(
        b -> b.bucket("acl-blocked").key("k").acl(ObjectCannedACL.PUBLIC_READ),
        RequestBody.fromString("v"));
    assertThat(anonymous.get("/acl-blocked/k").statusCode()).isEqualTo(200);

    alice.putPublicAccessBlock(
        b ->
            b.bucket("acl-blocked")
                .publicAccessBlockConfiguration(
                    c -> c.ignorePublicAcls(true).blockPublicPolicy(true)));
    assertThat(anonymous.get("/acl-blocked/k").statusCode()).isEqualTo(403);
    expectError(
        403,
        "AccessDenied",
        () ->
            alice.putBucketPolicy(
                b ->
                    b.bucket("acl-blocked")
                        .policy(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                                + "\"Resource\":\"arn:aws:s3:::acl-blocked/*\"}]}")));
  }

  @Test
  void restrictPublicBucketsLimitsAPublicPolicyToTheOwner() throws Exception {
    alice.createBucket(b -> b.bucket("acl-restricted"));
    alice.putObject(b -> b.bucket("acl-restricted").key("k"), RequestBody.fromString("v"));
    alice.putBucketPolicy(
        b ->
            b.bucket("acl-restricted")
                .policy(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::acl-restricted/*\"}]}"));
    assertThat(anonymous.get("/acl-restricted/k").statusCode()).isEqualTo(200);
    assertThat(read(bob, "acl-restricted", "k")).isEqualTo("v");
    alice.putPublicAccessBlock(
        b ->
            b.bucket("acl-restricted")
                .publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
    assertThat(anonymous.get("/acl-restricted/k").statusCode()).isEqualTo(403);
    expectError(403, "AccessDenied", () -> read(bob, "acl-restricted", "k"));
    assertThat(read(alice, "acl-restricted", "k")).isEqualTo("v");
  }

  @Test
  void anIdentityPolicyCanDenyWhatOwnershipWouldAllow() throws Exception {
    S3Client carol =
        clientOf(
            "carol",
            """
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject",
          "Resource":"arn:aws:s3:::*"}]}""");
    carol.createBucket(b -> b.bucket("carol-bucket"));
    carol.putObject(b -> b.bucket("carol-bucket").key("k"), RequestBody.fromString("v"));
    expectError(
        403, "AccessDenied", () -> carol.deleteObject(b -> b.bucket("carol-bucket").key("k")));
    assertThat(read(carol, "carol-bucket", "k")).isEqualTo("v");
  }

  @Test
  void bypassingGovernanceRetentionNeedsItsOwnPermission() throws Exception {
    alice.createBucket(b -> b.bucket("acl-locked").objectLockEnabledForBucket(true));
    java.time.Instant until =
        java.time.Instant.now()
            .plusSeconds(3600)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String v =
        alice
            .putObject(
                b ->
                    b.bucket("acl-locked")
                        .key("k")
                        .objectLockMode(
                            software.amazon.awssdk.services.s3.model.ObjectLockMode.GOVERNANCE)
                        .objectLockRetainUntilDate(until),
                RequestBody.fromString("kept"))
            .versionId();
    String grant =
        """
        {"Effect":"Allow","Principal":{"AWS":"bob"},"Action":%s,
         "Resource":"arn:aws:s3:::acl-locked/*"}""";
    alice.putBucketPolicy(
        b ->
            b.bucket("acl-locked")
                .policy(
                    "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + grant.formatted("\"s3:DeleteObject\"")
                        + "]}"));
    expectError(
        403,
        "AccessDenied",
        () ->
            bob.deleteObject(
                b -> b.bucket("acl-locked").key("k").versionId(v).bypassGovernanceRetention(true)));
    alice.putBucketPolicy(
        b ->
            b.bucket("acl-locked")
                .policy(
                    "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + grant.formatted("[\"s3:DeleteObject\",\"s3:BypassGovernanceRetention\"]")
                        + "]}"));
    bob.deleteObject(
        b -> b.bucket("acl-locked").key("k").versionId(v).bypassGovernanceRetention(true));
    expectError(
        404,
        "NoSuchVersion",
        () -> alice.getObjectAsBytes(b -> b.bucket("acl-locked").key("k").versionId(v)));
  }
}
