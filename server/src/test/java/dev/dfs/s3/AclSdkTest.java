package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectRef;
import dev.dfs.testing.DfsServerExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * Get/PutBucketAcl, Get/PutObjectAcl, ACL headers on CreateBucket and writes, bucket ownership
 * controls and Public Access Block, through the AWS SDK v2 as the root user.
 */
class AclSdkTest {
  static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  static final String AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    // grants must name users that exist (unknown ids are 400 InvalidArgument)
    for (String user : new String[] {"bob", "carol", "dave"}) {
      DFS.server().identities().addUser(user, null);
    }
  }

  /** A bucket whose ACLs are enabled (ObjectWriter). */
  private static String aclBucket(String name) {
    s3.createBucket(b -> b.bucket(name).objectOwnership(ObjectOwnership.OBJECT_WRITER));
    return name;
  }

  private static void put(String bucket, String key) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
  }

  /** Grants as "TYPE:id-or-uri=PERMISSION", in order. */
  private static List<String> grants(List<Grant> grants) {
    return grants.stream()
        .map(
            g ->
                g.grantee().type()
                    + ":"
                    + (g.grantee().type() == Type.GROUP ? g.grantee().uri() : g.grantee().id())
                    + "="
                    + g.permission())
        .collect(Collectors.toList());
  }

  private static List<String> objectGrants(String bucket, String key) {
    var r = s3.getObjectAcl(b -> b.bucket(bucket).key(key));
    assertThat(r.owner().id()).isEqualTo("root");
    return grants(r.grants());
  }

  private static List<String> bucketGrants(String bucket) {
    var r = s3.getBucketAcl(b -> b.bucket(bucket));
    assertThat(r.owner().id()).isEqualTo("root");
    assertThat(r.owner().displayName()).isEqualTo("root");
    return grants(r.grants());
  }

  // ---- defaults: BucketOwnerEnforced ----

  @Test
  void newBucketsEnforceBucketOwnershipAndArePrivate() {
    s3.createBucket(b -> b.bucket("fresh"));
    assertThat(s3.getBucketOwnershipControls(b -> b.bucket("fresh")).ownershipControls().rules())
        .extracting(OwnershipControlsRule::objectOwnership)
        .containsExactly(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    assertThat(bucketGrants("fresh")).containsExactly("CanonicalUser:root=FULL_CONTROL");
    expectError(
        404,
        "NoSuchPublicAccessBlockConfiguration",
        () -> s3.getPublicAccessBlock(b -> b.bucket("fresh")));
    put("fresh", "k");
    assertThat(objectGrants("fresh", "k")).containsExactly("CanonicalUser:root=FULL_CONTROL");
  }

  @Test
  void aclsAreRefusedWhileOwnershipIsEnforced() throws Exception {
    s3.createBucket(b -> b.bucket("enforced"));
    put("enforced", "k");
    expectError(
        400,
        "AccessControlListNotSupported",
        () ->
            s3.putObject(
                b -> b.bucket("enforced").key("pub").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));
    expectError(
        400,
        "AccessControlListNotSupported",
        () ->
            s3.putObject(
                b -> b.bucket("enforced").key("g").grantRead("uri=\"" + ALL_USERS + "\""),
                RequestBody.fromString("x")));
    expectError(
        400,
        "AccessControlListNotSupported",
        () -> s3.putBucketAcl(b -> b.bucket("enforced").acl(BucketCannedACL.PUBLIC_READ)));
    expectError(
        400,
        "AccessControlListNotSupported",
        () ->
            s3.putObjectAcl(
                b -> b.bucket("enforced").key("k").acl(ObjectCannedACL.AUTHENTICATED_READ)));
    expectError(
        400,
        "AccessControlListNotSupported",
        () ->
            s3.createMultipartUpload(
                b -> b.bucket("enforced").key("mp").acl(ObjectCannedACL.PUBLIC_READ_WRITE)));
    // private and bucket-owner-full-control (or the same as grants) are what it is anyway
    s3.putObject(
        b -> b.bucket("enforced").key("p").acl(ObjectCannedACL.PRIVATE),
        RequestBody.fromString("x"));
    s3.putObject(
        b -> b.bucket("enforced").key("o").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
        RequestBody.fromString("x"));
    s3.putObject(
        b -> b.bucket("enforced").key("f").grantFullControl("id=\"root\""),
        RequestBody.fromString("x"));
    s3.putBucketAcl(b -> b.bucket("enforced").acl(BucketCannedACL.PRIVATE));
    s3.putObjectAcl(b -> b.bucket("enforced").key("k").acl(ObjectCannedACL.PRIVATE));
    assertThat(objectGrants("enforced", "o")).containsExactly("CanonicalUser:root=FULL_CONTROL");
    assertThat(bucketGrants("enforced")).containsExactly("CanonicalUser:root=FULL_CONTROL");
    assertThat(
            DFS.server()
                .store()
                .bucketConfig(AclDocuments.BUCKET_ACL)
                .orElseThrow()
                .get("enforced"))
        .isEmpty();
  }

  @Test
  void createBucketWithAPublicAclNeedsAclsEnabled() {
    expectError(
        400,
        "InvalidBucketAclWithObjectOwnership",
        () -> s3.createBucket(b -> b.bucket("nope").acl(BucketCannedACL.PUBLIC_READ)));
    expectError(404, "NoSuchBucket", () -> s3.headBucket(b -> b.bucket("nope")));
    s3.createBucket(
        b ->
            b.bucket("openbucket")
                .acl(BucketCannedACL.PUBLIC_READ)
                .objectOwnership(ObjectOwnership.OBJECT_WRITER));
    assertThat(bucketGrants("openbucket"))
        .containsExactly("CanonicalUser:root=FULL_CONTROL", "Group:" + ALL_USERS + "=READ");
    s3.createBucket(
        b ->
            b.bucket("granted")
                .grantRead("id=\"bob\"")
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
    assertThat(bucketGrants("granted")).containsExactly("CanonicalUser:bob=READ");
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.createBucket(
                b -> b.bucket("both").acl(BucketCannedACL.PRIVATE).grantRead("id=\"bob\"")));
    expectError(
        400,
        "InvalidArgument",
        () -> s3.createBucket(b -> b.bucket("badowner").objectOwnership("Nobody")));
  }

  // ---- ownership controls ----

  @Test
  void ownershipControlsRoundTrip() {
    s3.createBucket(b -> b.bucket("owned"));
    for (ObjectOwnership o :
        List.of(
            ObjectOwnership.OBJECT_WRITER,
            ObjectOwnership.BUCKET_OWNER_PREFERRED,
            ObjectOwnership.BUCKET_OWNER_ENFORCED)) {
      s3.putBucketOwnershipControls(
          b ->
              b.bucket("owned")
                  .ownershipControls(
                      c -> c.rules(OwnershipControlsRule.builder().objectOwnership(o).build())));
      assertThat(
              s3.getBucketOwnershipControls(b -> b.bucket("owned"))
                  .ownershipControls()
                  .rules()
                  .get(0)
                  .objectOwnership())
          .isEqualTo(o);
    }
    s3.deleteBucketOwnershipControls(b -> b.bucket("owned"));
    expectError(
        404,
        "OwnershipControlsNotFoundError",
        () -> s3.getBucketOwnershipControls(b -> b.bucket("owned")));
    // without a document the bucket still behaves as BucketOwnerEnforced
    expectError(
        400,
        "AccessControlListNotSupported",
        () -> s3.putBucketAcl(b -> b.bucket("owned").acl(BucketCannedACL.PUBLIC_READ)));
    expectError(
        404, "NoSuchBucket", () -> s3.getBucketOwnershipControls(b -> b.bucket("missing-bucket")));
  }

  @Test
  void enforcingOwnershipNeedsAPrivateBucketAcl() {
    aclBucket("wasopen");
    s3.putBucketAcl(b -> b.bucket("wasopen").acl(BucketCannedACL.PUBLIC_READ));
    expectError(
        400,
        "InvalidBucketAclWithObjectOwnership",
        () ->
            s3.putBucketOwnershipControls(
                b ->
                    b.bucket("wasopen")
                        .ownershipControls(
                            c ->
                                c.rules(
                                    OwnershipControlsRule.builder()
                                        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                                        .build()))));
    // deleting the controls means BucketOwnerEnforced too
    expectError(
        400,
        "InvalidBucketAclWithObjectOwnership",
        () -> s3.deleteBucketOwnershipControls(b -> b.bucket("wasopen")));
    s3.putBucketAcl(b -> b.bucket("wasopen").acl(BucketCannedACL.PRIVATE));
    s3.putBucketOwnershipControls(
        b ->
            b.bucket("wasopen")
                .ownershipControls(
                    c ->
                        c.rules(
                            OwnershipControlsRule.builder()
                                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                                .build())));
  }

  // ---- bucket ACL ----

  @Test
  void bucketAclRoundTripsThroughCannedHeadersGrantsAndDocuments() {
    aclBucket("bacl");
    s3.putBucketAcl(b -> b.bucket("bacl").acl(BucketCannedACL.AUTHENTICATED_READ));
    assertThat(bucketGrants("bacl"))
        .containsExactly("CanonicalUser:root=FULL_CONTROL", "Group:" + AUTHENTICATED + "=READ");
    s3.putBucketAcl(b -> b.bucket("bacl").grantWrite("id=\"bob\"").grantFullControl("id=\"root\""));
    assertThat(bucketGrants("bacl"))
        .containsExactly("CanonicalUser:bob=WRITE", "CanonicalUser:root=FULL_CONTROL");
    s3.putBucketAcl(
        b ->
            b.bucket("bacl")
                .accessControlPolicy(
                    p ->
                        p.owner(o -> o.id("root"))
                            .grants(
                                Grant.builder()
                                    .grantee(
                                        Grantee.builder()
                                            .type(Type.CANONICAL_USER)
                                            .id("root")
                                            .build())
                                    .permission(Permission.FULL_CONTROL)
                                    .build(),
                                Grant.builder()
                                    .grantee(
                                        Grantee.builder().type(Type.GROUP).uri(ALL_USERS).build())
                                    .permission(Permission.READ_ACP)
                                    .build())));
    assertThat(bucketGrants("bacl"))
        .containsExactly("CanonicalUser:root=FULL_CONTROL", "Group:" + ALL_USERS + "=READ_ACP");
    s3.putBucketAcl(b -> b.bucket("bacl").acl(BucketCannedACL.PRIVATE));
    assertThat(bucketGrants("bacl")).containsExactly("CanonicalUser:root=FULL_CONTROL");
  }

  @Test
  void badAclRequestsAreClientErrors() {
    aclBucket("badacl");
    put("badacl", "k");
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.putBucketAcl(
                b -> b.bucket("badacl").acl(BucketCannedACL.PUBLIC_READ).grantRead("id=\"bob\"")));
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.putObject(
                b ->
                    b.bucket("badacl")
                        .key("k2")
                        .acl(ObjectCannedACL.PUBLIC_READ)
                        .grantRead("id=\"bob\""),
                RequestBody.fromString("x")));
    expectError(
        400,
        "UnresolvableGrantByEmailAddress",
        () ->
            s3.putObjectAcl(
                b -> b.bucket("badacl").key("k").grantRead("emailAddress=\"bob@example.com\"")));
    expectError(
        400,
        "UnresolvableGrantByEmailAddress",
        () ->
            s3.putBucketAcl(
                b ->
                    b.bucket("badacl")
                        .accessControlPolicy(
                            p ->
                                p.owner(o -> o.id("root"))
                                    .grants(
                                        Grant.builder()
                                            .grantee(
                                                Grantee.builder()
                                                    .type(Type.AMAZON_CUSTOMER_BY_EMAIL)
                                                    .emailAddress("bob@example.com")
                                                    .build())
                                            .permission(Permission.READ)
                                            .build()))));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putBucketAcl(
                b ->
                    b.bucket("badacl")
                        .grantRead("uri=\"http://acs.amazonaws.com/groups/global/Martians\"")));
    expectError(
        400,
        "InvalidArgument",
        () -> s3.putBucketAcl(b -> b.bucket("badacl").acl("world-readable")));
    expectError(400, "MissingSecurityHeader", () -> s3.putBucketAcl(b -> b.bucket("badacl")));
    expectError(404, "NoSuchKey", () -> s3.getObjectAcl(b -> b.bucket("badacl").key("none")));
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.putObjectAcl(b -> b.bucket("badacl").key("none").acl(ObjectCannedACL.PUBLIC_READ)));
    expectError(
        400,
        "InvalidArgument",
        () -> s3.getObjectAcl(b -> b.bucket("badacl").key("k").versionId("v1")));
    expectError(404, "NoSuchBucket", () -> s3.getBucketAcl(b -> b.bucket("no-such-bucket")));
  }

  // ---- object ACL ----

  @Test
  void objectAclFromWriteHeadersAndPutObjectAcl() throws Exception {
    aclBucket("oacl");
    s3.putObject(
        b -> b.bucket("oacl").key("pub").acl(ObjectCannedACL.PUBLIC_READ),
        RequestBody.fromString("x"));
    assertThat(objectGrants("oacl", "pub"))
        .containsExactly("CanonicalUser:root=FULL_CONTROL", "Group:" + ALL_USERS + "=READ");
    s3.putObject(
        b ->
            b.bucket("oacl")
                .key("granted")
                .grantRead("id=\"bob\", id=\"carol\"")
                .grantReadACP("uri=\"" + AUTHENTICATED + "\""),
        RequestBody.fromString("x"));
    assertThat(objectGrants("oacl", "granted"))
        .containsExactly(
            "CanonicalUser:bob=READ",
            "CanonicalUser:carol=READ",
            "Group:" + AUTHENTICATED + "=READ_ACP");

    s3.putObjectAcl(b -> b.bucket("oacl").key("pub").acl(ObjectCannedACL.PRIVATE));
    assertThat(objectGrants("oacl", "pub")).containsExactly("CanonicalUser:root=FULL_CONTROL");
    assertThat(
            DFS.server()
                .store()
                .head(ObjectRef.current("oacl", "pub"))
                .orElseThrow()
                .metadata()
                .attributes())
        .doesNotContainKey(ObjectAttributes.ACL);
    s3.putObjectAcl(
        b ->
            b.bucket("oacl")
                .key("pub")
                .versionId("null")
                .accessControlPolicy(
                    p ->
                        p.owner(o -> o.id("root"))
                            .grants(
                                Grant.builder()
                                    .grantee(
                                        Grantee.builder()
                                            .type(Type.CANONICAL_USER)
                                            .id("dave")
                                            .build())
                                    .permission(Permission.WRITE_ACP)
                                    .build())));
    assertThat(objectGrants("oacl", "pub")).containsExactly("CanonicalUser:dave=WRITE_ACP");
    // changing the ACL is a metadata change: the object stays as it was
    var head = s3.headObject(b -> b.bucket("oacl").key("pub"));
    assertThat(head.contentLength()).isEqualTo(1);
  }

  @Test
  void overwritingOrCopyingStartsFromPrivate() {
    aclBucket("copies");
    s3.putObject(
        b ->
            b.bucket("copies")
                .key("src")
                .acl(ObjectCannedACL.PUBLIC_READ)
                .metadata(Map.of("m", "v")),
        RequestBody.fromString("x"));
    s3.copyObject(
        b ->
            b.sourceBucket("copies")
                .sourceKey("src")
                .destinationBucket("copies")
                .destinationKey("plain"));
    assertThat(objectGrants("copies", "plain")).containsExactly("CanonicalUser:root=FULL_CONTROL");
    s3.copyObject(
        b ->
            b.sourceBucket("copies")
                .sourceKey("src")
                .destinationBucket("copies")
                .destinationKey("authread")
                .acl(ObjectCannedACL.AUTHENTICATED_READ));
    assertThat(objectGrants("copies", "authread"))
        .containsExactly("CanonicalUser:root=FULL_CONTROL", "Group:" + AUTHENTICATED + "=READ");
    assertThat(s3.headObject(b -> b.bucket("copies").key("authread")).metadata())
        .containsEntry("m", "v");
    put("copies", "src"); // an overwrite without ACL headers is private again
    assertThat(objectGrants("copies", "src")).containsExactly("CanonicalUser:root=FULL_CONTROL");
  }

  @Test
  void multipartUploadCarriesItsAclToTheObject() {
    aclBucket("mpacl");
    String id =
        s3.createMultipartUpload(b -> b.bucket("mpacl").key("big").acl(ObjectCannedACL.PUBLIC_READ))
            .uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket("mpacl").key("big").uploadId(id).partNumber(1),
                RequestBody.fromString("part"))
            .eTag();
    s3.completeMultipartUpload(
        b ->
            b.bucket("mpacl")
                .key("big")
                .uploadId(id)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(objectGrants("mpacl", "big"))
        .containsExactly("CanonicalUser:root=FULL_CONTROL", "Group:" + ALL_USERS + "=READ");
  }

  // ---- Public Access Block ----

  @Test
  void publicAccessBlockRoundTripsAndBlocksPublicAcls() {
    aclBucket("blocked");
    put("blocked", "k");
    s3.putPublicAccessBlock(
        b ->
            b.bucket("blocked")
                .publicAccessBlockConfiguration(
                    c -> c.blockPublicAcls(true).ignorePublicAcls(false).blockPublicPolicy(true)));
    var got = s3.getPublicAccessBlock(b -> b.bucket("blocked")).publicAccessBlockConfiguration();
    assertThat(got.blockPublicAcls()).isTrue();
    assertThat(got.ignorePublicAcls()).isFalse();
    assertThat(got.blockPublicPolicy()).isTrue();
    assertThat(got.restrictPublicBuckets()).isFalse();

    expectError(
        403,
        "AccessDenied",
        () ->
            s3.putObject(
                b -> b.bucket("blocked").key("pub").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("x")));
    expectError(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket("blocked").key("pub")));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.putObjectAcl(
                b -> b.bucket("blocked").key("k").grantRead("uri=\"" + AUTHENTICATED + "\"")));
    expectError(
        403,
        "AccessDenied",
        () -> s3.putBucketAcl(b -> b.bucket("blocked").acl(BucketCannedACL.PUBLIC_READ_WRITE)));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket("blocked")
                        .sourceKey("k")
                        .destinationBucket("blocked")
                        .destinationKey("c")
                        .acl(ObjectCannedACL.PUBLIC_READ)));
    // non-public grants are still fine
    s3.putObjectAcl(b -> b.bucket("blocked").key("k").grantRead("id=\"bob\""));
    assertThat(objectGrants("blocked", "k")).containsExactly("CanonicalUser:bob=READ");

    s3.deletePublicAccessBlock(b -> b.bucket("blocked"));
    expectError(
        404,
        "NoSuchPublicAccessBlockConfiguration",
        () -> s3.getPublicAccessBlock(b -> b.bucket("blocked")));
    s3.putObjectAcl(b -> b.bucket("blocked").key("k").acl(ObjectCannedACL.PUBLIC_READ));
    assertThat(objectGrants("blocked", "k"))
        .containsExactly("CanonicalUser:root=FULL_CONTROL", "Group:" + ALL_USERS + "=READ");
  }

  @Test
  void blockPublicAclsRefusesPublicGrantsOnMultipartAndGrantHeaders() {
    aclBucket("blocked-mp");
    s3.putPublicAccessBlock(
        b -> b.bucket("blocked-mp").publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.createMultipartUpload(
                b -> b.bucket("blocked-mp").key("mp").acl(ObjectCannedACL.PUBLIC_READ)));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.putObject(
                b -> b.bucket("blocked-mp").key("g").grantRead("uri=\"" + ALL_USERS + "\""),
                RequestBody.fromString("x")));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.putBucketAcl(
                b -> b.bucket("blocked-mp").grantRead("uri=\"" + AUTHENTICATED + "\"")));
    s3.createMultipartUpload(b -> b.bucket("blocked-mp").key("mp").acl(ObjectCannedACL.PRIVATE));
  }

  @Test
  void policyStatusOfABucketWithoutPolicyAnswersFromItsAcl() {
    aclBucket("acl-status");
    expectError(
        404, "NoSuchBucketPolicy", () -> s3.getBucketPolicyStatus(b -> b.bucket("acl-status")));
    s3.putBucketAcl(b -> b.bucket("acl-status").acl(BucketCannedACL.PUBLIC_READ));
    assertThat(s3.getBucketPolicyStatus(b -> b.bucket("acl-status")).policyStatus().isPublic())
        .isTrue();
    s3.putBucketAcl(b -> b.bucket("acl-status").acl(BucketCannedACL.AUTHENTICATED_READ));
    assertThat(s3.getBucketPolicyStatus(b -> b.bucket("acl-status")).policyStatus().isPublic())
        .isTrue();
    // a private policy does not hide the public ACL
    s3.putBucketPolicy(
        b ->
            b.bucket("acl-status")
                .policy(
                    "{\"Version\":\"2012-10-17\","
                        + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"bob\"},"
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acl-status/*\"}]}"));
    assertThat(s3.getBucketPolicyStatus(b -> b.bucket("acl-status")).policyStatus().isPublic())
        .isTrue();
    s3.putPublicAccessBlock(
        b -> b.bucket("acl-status").publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
    assertThat(s3.getBucketPolicyStatus(b -> b.bucket("acl-status")).policyStatus().isPublic())
        .isFalse();
    s3.deleteBucketPolicy(b -> b.bucket("acl-status"));
    expectError(
        404, "NoSuchBucketPolicy", () -> s3.getBucketPolicyStatus(b -> b.bucket("acl-status")));
  }

  @Test
  void publicAccessBlockOfAMissingBucket() {
    expectError(404, "NoSuchBucket", () -> s3.getPublicAccessBlock(b -> b.bucket("gone")));
    expectError(
        404,
        "NoSuchBucket",
        () ->
            s3.putPublicAccessBlock(
                b ->
                    b.bucket("gone").publicAccessBlockConfiguration(c -> c.blockPublicAcls(true))));
  }
}
