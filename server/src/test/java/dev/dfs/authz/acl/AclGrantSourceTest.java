package dev.dfs.authz.acl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.auth.Principal;
import dev.dfs.authz.AccessRequest;
import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.Decision;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.local.LocalStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AclGrantSource} and {@link PublicAccessBlockCheck} over a real local store: a bucket owned
 * by alice, requests by alice, bob and anonymous.
 */
class AclGrantSourceTest {
  static final Principal ALICE = new Principal("alice", "AKALICE", false);
  static final Principal BOB = new Principal("bob", "AKBOB", false);
  static final Principal ANON = Principal.ANONYMOUS;

  @TempDir Path dir;
  LocalStore store;
  AclGrantSource acls;
  PublicAccessBlockCheck publicAccess;

  @BeforeEach
  void open() throws Exception {
    store = LocalStore.open(dir);
    store.createBucket("b", "us-east-1");
    BucketOwner.record(store, "b", "alice");
    acls = new AclGrantSource(store);
    publicAccess = new PublicAccessBlockCheck(store);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private void ownership(ObjectOwnership o) throws Exception {
    store.bucketConfig(AclDocuments.OWNERSHIP).orElseThrow().put("b", o.wireName());
  }

  private void bucketAcl(AccessControlList acl) throws Exception {
    store.bucketConfig(AclDocuments.BUCKET_ACL).orElseThrow().put("b", acl.encode());
  }

  private void publicAccessBlock(PublicAccessBlock p) throws Exception {
    store.bucketConfig(AclDocuments.PUBLIC_ACCESS_BLOCK).orElseThrow().put("b", p.encode());
  }

  /** Writes key {@code k} owned by {@code owner} with {@code acl} (null: private). */
  private void object(String k, String owner, AccessControlList acl) throws Exception {
    ObjectMetadata m =
        AclDocuments.withObjectAcl(
            ObjectMetadata.empty(),
            owner,
            "alice",
            acl == null ? AccessControlList.privateFor(owner) : acl);
    byte[] body = "data".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    store.putObject(
        new PutObjectRequest("b", k, body.length, m, null, null, null),
        new ByteArrayInputStream(body));
  }

  private Decision decide(Principal who, String action, String key) throws Exception {
    return acls.decide(
        new AccessRequest(
            who, action, "b", key, "127.0.0.1", false, Instant.now(), null, null, null));
  }

  @Test
  void underBucketOwnerEnforcedAclsCountForNothing() throws Exception {
    bucketAcl(CannedAcl.PUBLIC_READ_WRITE.toAcl("alice", "alice"));
    object("k", "alice", CannedAcl.PUBLIC_READ.toAcl("alice", "alice"));
    // no ownership document: the default, BucketOwnerEnforced
    assertThat(decide(BOB, "s3:ListBucket", null)).isEqualTo(Decision.NONE);
    assertThat(decide(ANON, "s3:GetObject", "k")).isEqualTo(Decision.NONE);
    ownership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    assertThat(decide(BOB, "s3:PutObject", "x")).isEqualTo(Decision.NONE);
    ownership(ObjectOwnership.OBJECT_WRITER);
    assertThat(decide(BOB, "s3:ListBucket", null)).isEqualTo(Decision.ALLOW);
    assertThat(decide(ANON, "s3:GetObject", "k")).isEqualTo(Decision.ALLOW);
  }

  @Test
  void publicReadObjectIsReadableByAnyoneButNotWritable() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    object("pub", "alice", CannedAcl.PUBLIC_READ.toAcl("alice", "alice"));
    object("priv", "alice", null);
    for (Principal who : List.of(BOB, ANON)) {
      assertThat(decide(who, "s3:GetObject", "pub")).isEqualTo(Decision.ALLOW);
      assertThat(decide(who, "s3:GetObjectVersion", "pub")).isEqualTo(Decision.ALLOW);
      assertThat(decide(who, "s3:GetObjectAcl", "pub")).isEqualTo(Decision.NONE);
      assertThat(decide(who, "s3:PutObjectAcl", "pub")).isEqualTo(Decision.NONE);
      assertThat(decide(who, "s3:GetObject", "priv")).isEqualTo(Decision.NONE);
      assertThat(decide(who, "s3:GetObjectTagging", "pub")).isEqualTo(Decision.NONE);
      // the object's ACL does not open the bucket
      assertThat(decide(who, "s3:ListBucket", null)).isEqualTo(Decision.NONE);
      assertThat(decide(who, "s3:PutObject", "pub")).isEqualTo(Decision.NONE);
    }
    assertThat(decide(ALICE, "s3:GetObject", "priv")).isEqualTo(Decision.ALLOW);
  }

  @Test
  void authenticatedReadExcludesAnonymous() throws Exception {
    ownership(ObjectOwnership.BUCKET_OWNER_PREFERRED);
    object("k", "alice", CannedAcl.AUTHENTICATED_READ.toAcl("alice", "alice"));
    assertThat(decide(BOB, "s3:GetObject", "k")).isEqualTo(Decision.ALLOW);
    assertThat(decide(ANON, "s3:GetObject", "k")).isEqualTo(Decision.NONE);
  }

  @Test
  void bucketGrantsMapToListWriteAndAcpActions() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    bucketAcl(
        new AccessControlList(
            "alice",
            "alice",
            List.of(
                new Grant(Grantee.user("alice"), Permission.FULL_CONTROL),
                new Grant(Grantee.user("bob"), Permission.READ),
                new Grant(Grantee.user("bob"), Permission.WRITE),
                new Grant(Grantee.AUTHENTICATED_USERS, Permission.READ_ACP))));
    assertThat(decide(BOB, "s3:ListBucket", null)).isEqualTo(Decision.ALLOW);
    assertThat(decide(BOB, "s3:ListBucketMultipartUploads", null)).isEqualTo(Decision.ALLOW);
    assertThat(decide(BOB, "s3:PutObject", "new")).isEqualTo(Decision.ALLOW);
    assertThat(decide(BOB, "s3:DeleteObject", null)).isEqualTo(Decision.ALLOW); // DeleteObjects
    assertThat(decide(BOB, "s3:GetBucketAcl", null)).isEqualTo(Decision.ALLOW);
    assertThat(decide(BOB, "s3:PutBucketAcl", null)).isEqualTo(Decision.NONE);
    assertThat(decide(BOB, "s3:PutBucketCORS", null)).isEqualTo(Decision.NONE);
    // bucket READ is not object READ
    object("k", "alice", null);
    assertThat(decide(BOB, "s3:GetObject", "k")).isEqualTo(Decision.NONE);
    assertThat(decide(ANON, "s3:ListBucket", null)).isEqualTo(Decision.NONE);
    assertThat(decide(ANON, "s3:GetBucketAcl", null)).isEqualTo(Decision.NONE);
  }

  @Test
  void fullControlGrantsEveryAclAction() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    object(
        "k",
        "alice",
        new AccessControlList(
            "alice", "alice", List.of(new Grant(Grantee.user("bob"), Permission.FULL_CONTROL))));
    for (String action : List.of("s3:GetObject", "s3:GetObjectAcl", "s3:PutObjectAcl")) {
      assertThat(decide(BOB, action, "k")).as(action).isEqualTo(Decision.ALLOW);
    }
  }

  @Test
  void anObjectsOwnerMayAlwaysReadAndWriteItsAcl() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    // bob wrote it, then gave away every grant
    object(
        "k",
        "bob",
        new AccessControlList(
            "bob", "bob", List.of(new Grant(Grantee.user("alice"), Permission.READ))));
    assertThat(decide(BOB, "s3:GetObjectAcl", "k")).isEqualTo(Decision.ALLOW);
    assertThat(decide(BOB, "s3:PutObjectAcl", "k")).isEqualTo(Decision.ALLOW);
    assertThat(decide(BOB, "s3:GetObject", "k")).isEqualTo(Decision.NONE);
    assertThat(decide(ALICE, "s3:GetObject", "k")).isEqualTo(Decision.ALLOW);
    // a private object bob wrote is bob's, not the bucket owner's (the authorizer adds her)
    object("mine", "bob", null);
    assertThat(decide(BOB, "s3:GetObject", "mine")).isEqualTo(Decision.ALLOW);
    assertThat(decide(ALICE, "s3:GetObject", "mine")).isEqualTo(Decision.NONE);
  }

  @Test
  void ignorePublicAclsDropsPublicGrantsOnly() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    object(
        "k",
        "alice",
        new AccessControlList(
            "alice",
            "alice",
            List.of(
                new Grant(Grantee.ALL_USERS, Permission.READ),
                new Grant(Grantee.user("bob"), Permission.READ))));
    bucketAcl(CannedAcl.AUTHENTICATED_READ.toAcl("alice", "alice"));
    publicAccessBlock(new PublicAccessBlock(false, true, false, false));
    assertThat(decide(ANON, "s3:GetObject", "k")).isEqualTo(Decision.NONE);
    assertThat(decide(BOB, "s3:GetObject", "k")).isEqualTo(Decision.ALLOW); // named grant
    assertThat(decide(BOB, "s3:ListBucket", null)).isEqualTo(Decision.NONE);
    publicAccessBlock(new PublicAccessBlock(true, false, true, true)); // others do not ignore
    assertThat(decide(ANON, "s3:GetObject", "k")).isEqualTo(Decision.ALLOW);
    assertThat(decide(BOB, "s3:ListBucket", null)).isEqualTo(Decision.ALLOW);
  }

  @Test
  void missingThingsAndUnmappedActionsYieldNone() throws Exception {
    ownership(ObjectOwnership.OBJECT_WRITER);
    bucketAcl(CannedAcl.PUBLIC_READ_WRITE.toAcl("alice", "alice"));
    assertThat(decide(ANON, "s3:GetObject", "missing")).isEqualTo(Decision.NONE);
    assertThat(decide(ANON, "s3:GetObject", null)).isEqualTo(Decision.NONE);
    assertThat(decide(ANON, "s3:PutBucketPolicy", null)).isEqualTo(Decision.NONE);
    assertThat(
            acls.decide(
                new AccessRequest(
                    ANON,
                    "s3:ListBucket",
                    "nope",
                    null,
                    "::1",
                    false,
                    Instant.now(),
                    null,
                    null,
                    null)))
        .isEqualTo(Decision.NONE);
    assertThat(
            acls.decide(
                new AccessRequest(
                    BOB,
                    "s3:ListAllMyBuckets",
                    null,
                    null,
                    "::1",
                    false,
                    Instant.now(),
                    null,
                    null,
                    null)))
        .isEqualTo(Decision.NONE);
  }

  @Test
  void publicAccessBlockCheckAnswersFromTheStoredConfiguration() throws Exception {
    assertThat(publicAccess.configuration("b")).isEqualTo(PublicAccessBlock.NONE);
    assertThat(publicAccess.blocksPublicPolicy("b")).isFalse();
    assertThat(publicAccess.refusesAcl("b", CannedAcl.PUBLIC_READ.toAcl("alice", "alice")))
        .isFalse();
    assertThat(publicAccess.publicPolicyGrantApplies("b", ANON)).isTrue();
    publicAccessBlock(new PublicAccessBlock(true, false, true, true));
    assertThat(publicAccess.blocksPublicAcls("b")).isTrue();
    assertThat(publicAccess.ignoresPublicAcls("b")).isFalse();
    assertThat(publicAccess.blocksPublicPolicy("b")).isTrue();
    assertThat(publicAccess.restrictsPublicBuckets("b")).isTrue();
    assertThat(publicAccess.refusesAcl("b", CannedAcl.PUBLIC_READ.toAcl("alice", "alice")))
        .isTrue();
    assertThat(publicAccess.refusesAcl("b", CannedAcl.PRIVATE.toAcl("alice", "alice"))).isFalse();
    assertThat(publicAccess.publicPolicyGrantApplies("b", ANON)).isFalse();
    assertThat(publicAccess.publicPolicyGrantApplies("b", BOB)).isFalse();
    assertThat(publicAccess.publicPolicyGrantApplies("b", ALICE)).isTrue();
    assertThat(publicAccess.publicPolicyGrantApplies("b", new Principal("root", null, false)))
        .isTrue();
  }
}
