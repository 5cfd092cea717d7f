package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dfs.auth.Principal;
import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.CannedAcl;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.authz.acl.PublicAccessBlock;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.local.LocalStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who owns a new object and which ACL it gets, for writers other than root: a bucket owned by
 * alice, writes by bob, root and anonymous, under each Object Ownership setting.
 */
class AclRulesTest {
  static final Principal BOB = new Principal("bob", "AKBOB", false);
  static final Principal ROOT = new Principal("root", "AKROOT", false);

  @TempDir Path dir;
  LocalStore store;
  AclRules rules;

  @BeforeEach
  void open() throws Exception {
    store = LocalStore.open(dir);
    store.createBucket("b", "us-east-1");
    BucketOwner.record(store, "b", "alice");
    rules = new AclRules(store);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private void ownership(ObjectOwnership o) throws Exception {
    store.bucketConfig(AclDocuments.OWNERSHIP).orElseThrow().put("b", o.wireName());
  }

  private ObjectMetadata write(Principal who, String... headers) throws Exception {
    Map<String, String> h = new java.util.HashMap<>();
    for (int i = 0; i < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
    ObjectMetadata stale =
        ObjectMetadata.empty()
            .withAttributes(
                Map.of(
                    ObjectAttributes.ACL,
                    CannedAcl.PUBLIC_READ.toAcl("x", "x").encode(),
                    ObjectAttributes.OWNER,
                    "x",
                    "other",
                    "kept"));
    return rules.forNewObject("b", who, h::get, stale);
  }

  private static String owner(ObjectMetadata m) {
    return AclDocuments.objectOwner(m, "alice");
  }

  private static AccessControlList acl(ObjectMetadata m) {
    return AclDocuments.objectAcl(m, "alice");
  }

  @Test
  void enforcedBucketsOwnEverythingAndRefuseAcls() throws Exception {
    ObjectMetadata m = write(BOB);
    assertThat(owner(m)).isEqualTo("alice");
    assertThat(acl(m)).isEqualTo(AccessControlList.privateFor("alice"));
    assertThat(m.attributes()).containsExactly(Map.entry("other", "kept"));
    assertThat(owner(write(BOB, "x-amz-acl", "bucket-owner-full-control"))).isEqualTo("alice");
    assertThat(owner(write(BOB, "x-amz-grant-full-control", "id=\"alice\""))).isEqualTo("alice");
    for (String[] h :
        new String[][] {
          {"x-amz-acl", "public-read"},
          {"x-amz-acl", "bucket-owner-read"},
          {"x-amz-grant-read", "id=\"bob\""},
          {"x-amz-grant-full-control", "id=\"bob\""}
        }) {
      assertThat(catchThrowableOfType(S3Exception.class, () -> write(BOB, h)).code())
          .as(String.join(": ", h))
          .isEqualTo(S3ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED);
    }
  }

  @Test
  void objectWriterMakesTheWriterTheOwner() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    ObjectMetadata m = write(BOB);
    assertThat(owner(m)).isEqualTo("bob");
    assertThat(acl(m)).isEqualTo(AccessControlList.privateFor("bob"));
    assertThat(m.attributes()).containsOnlyKeys(ObjectAttributes.OWNER, "other");

    m = write(BOB, "x-amz-acl", "bucket-owner-full-control");
    assertThat(owner(m)).isEqualTo("bob");
    assertThat(acl(m).grants()).hasSize(2);
    assertThat(
            acl(m)
                .allows(
                    new Principal("alice", null, false), dev.dfs.authz.acl.Permission.WRITE_ACP))
        .isTrue();

    m = write(BOB, "x-amz-acl", "public-read");
    assertThat(acl(m)).isEqualTo(CannedAcl.PUBLIC_READ.toAcl("bob", "alice"));
  }

  @Test
  void bucketOwnerPreferredTakesObjectsWrittenWithBucketOwnerFullControl() throws Exception {
    ownership(ObjectOwnership.BUCKET_OWNER_PREFERRED);
    ObjectMetadata m = write(BOB, "x-amz-acl", "bucket-owner-full-control");
    assertThat(owner(m)).isEqualTo("alice");
    assertThat(acl(m)).isEqualTo(AccessControlList.privateFor("alice"));
    assertThat(owner(write(BOB))).isEqualTo("bob");
    assertThat(owner(write(BOB, "x-amz-acl", "bucket-owner-read"))).isEqualTo("bob");
  }

  @Test
  void rootAndAnonymousWriteForTheBucketOwner() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    for (Principal who : new Principal[] {ROOT, Principal.ANONYMOUS}) {
      assertThat(owner(write(who))).isEqualTo("alice");
      ObjectMetadata m = write(who, "x-amz-acl", "authenticated-read");
      assertThat(owner(m)).isEqualTo("alice");
      assertThat(acl(m)).isEqualTo(CannedAcl.AUTHENTICATED_READ.toAcl("alice", "alice"));
    }
  }

  @Test
  void blockPublicAclsRefusesPublicWrites() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    store
        .bucketConfig(AclDocuments.PUBLIC_ACCESS_BLOCK)
        .orElseThrow()
        .put("b", new PublicAccessBlock(true, false, false, false).encode());
    assertThat(
            catchThrowableOfType(
                    S3Exception.class,
                    () ->
                        write(
                            BOB,
                            "x-amz-grant-read",
                            "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\""))
                .code())
        .isEqualTo(S3ErrorCode.ACCESS_DENIED);
    assertThat(
            catchThrowableOfType(
                    S3Exception.class, () -> write(ROOT, "x-amz-acl", "public-read-write"))
                .code())
        .isEqualTo(S3ErrorCode.ACCESS_DENIED);
    assertThat(owner(write(BOB, "x-amz-grant-read", "id=\"carol\""))).isEqualTo("bob");
  }
}
