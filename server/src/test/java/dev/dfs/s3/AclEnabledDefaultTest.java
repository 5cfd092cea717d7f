package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.identity.NewAccessKey;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * A server whose new buckets honour ACLs (DFS_DEFAULT_OBJECT_OWNERSHIP=ObjectWriter), driven by the
 * AWS SDK v2 as applications drive it: ACLs on CreateBucket, Put/Get Bucket and Object ACLs,
 * re-creating one's own bucket, revoking every grant, grants to unknown users, and who owns an
 * object another user writes under ObjectWriter and BucketOwnerPreferred.
 */
class AclEnabledDefaultTest {
  private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  private static final String ALLOW_ALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
          + "\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
  static Path dir;
  static DfsTestServer server;
  static S3Client root;
  static S3Client bob;
  static S3Client alice;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("dfs-acl-default");
    server = DfsTestServer.start(dir, dev.dfs.authz.acl.ObjectOwnership.OBJECT_WRITER);
    root = server.client();
    server.identities().addUser("bob", ALLOW_ALL);
    server.identities().addUser("alice", null);
    NewAccessKey b = server.identities().createAccessKey("bob");
    NewAccessKey a = server.identities().createAccessKey("alice");
    bob = server.client(b.key().accessKeyId(), b.secretKey());
    alice = server.client(a.key().accessKeyId(), a.secretKey());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    DfsTestServer.deleteTree(dir);
  }

  private static S3Exception failure(Runnable call) {
    try {
      call.run();
    } catch (S3Exception e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void newBucketsTakeTheConfiguredOwnershipAndCannedAclsOnCreate() {
    root.createBucket(b -> b.bucket("canned-create").acl(BucketCannedACL.PUBLIC_READ));
    assertThat(
            root.getBucketOwnershipControls(b -> b.bucket("canned-create"))
                .ownershipControls()
                .rules()
                .get(0)
                .objectOwnership())
        .isEqualTo(ObjectOwnership.OBJECT_WRITER);
    assertThat(root.getBucketAcl(b -> b.bucket("canned-create")).grants())
        .anySatisfy(
            g -> {
              assertThat(g.grantee().uri()).isEqualTo(ALL_USERS);
              assertThat(g.permission()).isEqualTo(Permission.READ);
            });
    root.createBucket(b -> b.bucket("grant-create").grantRead("id=alice"));
    assertThat(root.getBucketAcl(b -> b.bucket("grant-create")).grants())
        .anySatisfy(g -> assertThat(g.grantee().id()).isEqualTo("alice"));
  }

  @Test
  void objectAclsWorkAndAPublicReadObjectServesAnonymousGets() throws Exception {
    root.createBucket(b -> b.bucket("media"));
    root.putObject(
        b -> b.bucket("media").key("poster.jpg").acl(ObjectCannedACL.PUBLIC_READ),
        RequestBody.fromString("jpeg"));
    assertThat(root.getObjectAcl(b -> b.bucket("media").key("poster.jpg")).grants())
        .anySatisfy(g -> assertThat(g.grantee().uri()).isEqualTo(ALL_USERS));
    HttpResponse<String> anon =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/media/poster.jpg")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anon.statusCode()).isEqualTo(200);
    assertThat(anon.body()).isEqualTo("jpeg");
    root.putObjectAcl(b -> b.bucket("media").key("poster.jpg").acl(ObjectCannedACL.PRIVATE));
    HttpResponse<String> after =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/media/poster.jpg")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(after.statusCode()).isEqualTo(403);
  }

  @Test
  void recreatingOnesOwnBucketIsOkOnlyWhenItAsksForNothingNew() {
    root.createBucket(b -> b.bucket("again"));
    root.createBucket(b -> b.bucket("again")); // us-east-1 legacy: 200, nothing changes
    S3Exception withAcl =
        failure(() -> root.createBucket(b -> b.bucket("again").acl(BucketCannedACL.PUBLIC_READ)));
    assertThat(withAcl.statusCode()).isEqualTo(409);
    assertThat(withAcl.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou");
    assertThat(root.getBucketAcl(b -> b.bucket("again")).grants())
        .noneMatch(g -> ALL_USERS.equals(g.grantee().uri()));
    root.createBucket(b -> b.bucket("again-public").acl(BucketCannedACL.PUBLIC_READ));
    S3Exception plain = failure(() -> root.createBucket(b -> b.bucket("again-public")));
    assertThat(plain.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyOwnedByYou");
    S3Exception other = failure(() -> bob.createBucket(b -> b.bucket("again")));
    assertThat(other.awsErrorDetails().errorCode()).isEqualTo("BucketAlreadyExists");
  }

  @Test
  void revokingEveryGrantLeavesAnEmptyGrantList() {
    root.createBucket(b -> b.bucket("revoked"));
    var owner = root.getBucketAcl(b -> b.bucket("revoked")).owner();
    root.putBucketAcl(
        b -> b.bucket("revoked").accessControlPolicy(p -> p.owner(owner).grants(List.of())));
    assertThat(root.getBucketAcl(b -> b.bucket("revoked")).grants()).isEmpty();
    root.putObject(b -> b.bucket("revoked").key("k"), RequestBody.fromString("v"));
    root.putObjectAcl(
        b ->
            b.bucket("revoked")
                .key("k")
                .accessControlPolicy(p -> p.owner(owner).grants(List.of())));
    assertThat(root.getObjectAcl(b -> b.bucket("revoked").key("k")).grants()).isEmpty();
    // the bucket owner keeps its implicit rights
    assertThat(root.getObjectAsBytes(b -> b.bucket("revoked").key("k")).asUtf8String())
        .isEqualTo("v");
  }

  @Test
  void grantsToUnknownUserIdsAreInvalidArguments() {
    root.createBucket(b -> b.bucket("grants"));
    root.putObject(b -> b.bucket("grants").key("k"), RequestBody.fromString("v"));
    Grant toNobody =
        Grant.builder()
            .permission(Permission.FULL_CONTROL)
            .grantee(Grantee.builder().type(Type.CANONICAL_USER).id("_nobody").build())
            .build();
    var owner = root.getBucketAcl(b -> b.bucket("grants")).owner();
    for (Runnable call :
        List.<Runnable>of(
            () ->
                root.putBucketAcl(
                    b ->
                        b.bucket("grants")
                            .accessControlPolicy(p -> p.owner(owner).grants(toNobody))),
            () -> root.putBucketAcl(b -> b.bucket("grants").grantRead("id=_nobody")),
            () -> root.putObjectAcl(b -> b.bucket("grants").key("k").grantRead("id=_nobody")),
            () ->
                root.putObject(
                    b -> b.bucket("grants").key("k2").grantFullControl("id=_nobody"),
                    RequestBody.fromString("v")),
            () -> root.createBucket(b -> b.bucket("grants-new").grantWrite("id=_nobody")))) {
      S3Exception e = failure(call);
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
    }
    assertThat(root.listBuckets().buckets()).noneMatch(b -> b.name().equals("grants-new"));
    root.putBucketAcl(b -> b.bucket("grants").grantRead("id=alice")); // a real user is fine
  }

  @Test
  void objectWriterMakesTheWriterTheOwnerEvenWithBucketOwnerFullControl() {
    bob.createBucket(b -> b.bucket("bob-writer").grantWrite("id=alice"));
    alice.putObject(b -> b.bucket("bob-writer").key("mine"), RequestBody.fromString("a"));
    alice.putObject(
        b -> b.bucket("bob-writer").key("shared").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
        RequestBody.fromString("b"));
    assertThat(alice.getObjectAcl(b -> b.bucket("bob-writer").key("mine")).owner().id())
        .isEqualTo("alice");
    var shared = alice.getObjectAcl(b -> b.bucket("bob-writer").key("shared"));
    assertThat(shared.owner().id()).isEqualTo("alice");
    assertThat(shared.grants())
        .anySatisfy(
            g -> {
              assertThat(g.grantee().id()).isEqualTo("bob");
              assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL);
            });
  }

  @Test
  void bucketOwnerPreferredTakesOverObjectsWrittenWithBucketOwnerFullControl() {
    bob.createBucket(
        b ->
            b.bucket("bob-preferred")
                .grantWrite("id=alice")
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
    alice.putObject(b -> b.bucket("bob-preferred").key("mine"), RequestBody.fromString("a"));
    alice.putObject(
        b -> b.bucket("bob-preferred").key("given").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
        RequestBody.fromString("b"));
    assertThat(alice.getObjectAcl(b -> b.bucket("bob-preferred").key("mine")).owner().id())
        .isEqualTo("alice");
    assertThat(bob.getObjectAcl(b -> b.bucket("bob-preferred").key("given")).owner().id())
        .isEqualTo("bob");
    assertThatThrownBy(() -> alice.getObjectAcl(b -> b.bucket("bob-preferred").key("given")))
        .isInstanceOf(S3Exception.class);
  }
}
