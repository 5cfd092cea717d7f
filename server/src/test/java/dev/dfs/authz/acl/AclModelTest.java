package dev.dfs.authz.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.auth.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ACL model: canned ACLs, matching, public grants, stored forms and the action mapping. */
class AclModelTest {
  static final Principal ALICE = new Principal("alice", "AKALICE", false);
  static final Principal BOB = new Principal("bob", "AKBOB", false);
  static final Principal ANON = Principal.ANONYMOUS;

  private static Grant grant(Grantee g, Permission p) {
    return new Grant(g, p);
  }

  @Test
  void cannedAclsExpandToS3sGrants() {
    Grant ownerFull = grant(Grantee.user("alice"), Permission.FULL_CONTROL);
    assertThat(CannedAcl.PRIVATE.toAcl("alice", "alice").grants()).containsExactly(ownerFull);
    assertThat(CannedAcl.PUBLIC_READ.toAcl("alice", "alice").grants())
        .containsExactly(ownerFull, grant(Grantee.ALL_USERS, Permission.READ));
    assertThat(CannedAcl.PUBLIC_READ_WRITE.toAcl("alice", "alice").grants())
        .containsExactly(
            ownerFull,
            grant(Grantee.ALL_USERS, Permission.READ),
            grant(Grantee.ALL_USERS, Permission.WRITE));
    assertThat(CannedAcl.AUTHENTICATED_READ.toAcl("alice", "alice").grants())
        .containsExactly(ownerFull, grant(Grantee.AUTHENTICATED_USERS, Permission.READ));
    assertThat(CannedAcl.LOG_DELIVERY_WRITE.toAcl("alice", "alice").grants())
        .containsExactly(
            ownerFull,
            grant(Grantee.LOG_DELIVERY, Permission.WRITE),
            grant(Grantee.LOG_DELIVERY, Permission.READ_ACP));
    // bucket-owner-*: only for an object someone else than the bucket owner owns
    assertThat(CannedAcl.BUCKET_OWNER_READ.toAcl("bob", "alice").grants())
        .containsExactly(
            grant(Grantee.user("bob"), Permission.FULL_CONTROL),
            grant(Grantee.user("alice"), Permission.READ));
    assertThat(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl("bob", "alice").grants())
        .containsExactly(
            grant(Grantee.user("bob"), Permission.FULL_CONTROL),
            grant(Grantee.user("alice"), Permission.FULL_CONTROL));
    assertThat(CannedAcl.BUCKET_OWNER_FULL_CONTROL.toAcl("alice", "alice"))
        .isEqualTo(AccessControlList.privateFor("alice"));
  }

  @Test
  void cannedNamesParseCaseInsensitively() {
    assertThat(CannedAcl.fromWire(" Public-Read ")).contains(CannedAcl.PUBLIC_READ);
    assertThat(CannedAcl.fromWire("aws-exec-read")).isEmpty();
    assertThat(CannedAcl.fromWire("bogus")).isEmpty();
    assertThat(CannedAcl.fromWire(null)).isEmpty();
  }

  @Test
  void granteesMatchUsersGroupsAndAnonymous() {
    assertThat(Grantee.user("alice").matches(ALICE)).isTrue();
    assertThat(Grantee.user("alice").matches(BOB)).isFalse();
    assertThat(Grantee.user("anonymous").matches(ANON)).isFalse();
    assertThat(Grantee.ALL_USERS.matches(ANON)).isTrue();
    assertThat(Grantee.ALL_USERS.matches(BOB)).isTrue();
    assertThat(Grantee.AUTHENTICATED_USERS.matches(BOB)).isTrue();
    assertThat(Grantee.AUTHENTICATED_USERS.matches(ANON)).isFalse();
    assertThat(Grantee.LOG_DELIVERY.matches(BOB)).isFalse();
    assertThatThrownBy(() -> new Grantee(Grantee.Type.GROUP, "http://example.com/g", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fullControlCoversEveryPermission() {
    for (Permission p : Permission.values()) {
      assertThat(Permission.FULL_CONTROL.covers(p)).isTrue();
      assertThat(p.covers(p)).isTrue();
    }
    assertThat(Permission.WRITE.covers(Permission.READ)).isFalse();
    assertThat(Permission.READ.covers(Permission.READ_ACP)).isFalse();
    assertThat(Permission.fromWire("READ_ACP")).contains(Permission.READ_ACP);
    assertThat(Permission.fromWire("read")).isEmpty();
  }

  @Test
  void allowsChecksPermissionAndGrantee() {
    AccessControlList acl =
        new AccessControlList(
            "alice",
            "alice",
            List.of(
                grant(Grantee.user("alice"), Permission.FULL_CONTROL),
                grant(Grantee.user("bob"), Permission.WRITE),
                grant(Grantee.AUTHENTICATED_USERS, Permission.READ_ACP)));
    assertThat(acl.allows(ALICE, Permission.WRITE_ACP)).isTrue();
    assertThat(acl.allows(BOB, Permission.WRITE)).isTrue();
    assertThat(acl.allows(BOB, Permission.READ)).isFalse();
    assertThat(acl.allows(BOB, Permission.READ_ACP)).isTrue();
    assertThat(acl.allows(ANON, Permission.READ_ACP)).isFalse();
  }

  @Test
  void publicGrantsAreFoundAndDropped() {
    AccessControlList acl = CannedAcl.PUBLIC_READ_WRITE.toAcl("alice", "alice");
    assertThat(acl.isPublic()).isTrue();
    assertThat(acl.withoutPublicGrants()).isEqualTo(AccessControlList.privateFor("alice"));
    assertThat(CannedAcl.AUTHENTICATED_READ.toAcl("a", "a").isPublic()).isTrue();
    assertThat(CannedAcl.LOG_DELIVERY_WRITE.toAcl("a", "a").isPublic()).isFalse();
    assertThat(CannedAcl.BUCKET_OWNER_READ.toAcl("b", "a").isPublic()).isFalse();
  }

  @Test
  void privateEquivalenceIsFullControlForTheOwnerOnly() {
    assertThat(AccessControlList.privateFor("alice").onlyFullControlFor("alice")).isTrue();
    assertThat(new AccessControlList("alice", null, List.of()).onlyFullControlFor("alice"))
        .isTrue();
    assertThat(AccessControlList.privateFor("alice").onlyFullControlFor("bob")).isFalse();
    assertThat(
            new AccessControlList(
                    "alice", null, List.of(grant(Grantee.user("alice"), Permission.READ)))
                .onlyFullControlFor("alice"))
        .isFalse();
  }

  @Test
  void storedFormRoundTrips() {
    AccessControlList acl =
        new AccessControlList(
            "us\ter\n%x",
            "Display Name",
            List.of(
                grant(Grantee.user("us\ter\n%x"), Permission.FULL_CONTROL),
                grant(new Grantee(Grantee.Type.CANONICAL_USER, "bob", null), Permission.READ),
                grant(Grantee.ALL_USERS, Permission.READ),
                grant(Grantee.ALL_USERS, Permission.READ),
                grant(Grantee.AUTHENTICATED_USERS, Permission.WRITE_ACP)));
    assertThat(AccessControlList.decode(acl.encode())).isEqualTo(acl);
    AccessControlList empty = new AccessControlList("alice", "alice", List.of());
    assertThat(AccessControlList.decode(empty.encode())).isEqualTo(empty);
    assertThatThrownBy(() -> AccessControlList.decode("<AccessControlPolicy/>"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicAccessBlockRoundTrips() {
    for (int bits = 0; bits < 16; bits++) {
      PublicAccessBlock p =
          new PublicAccessBlock((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
      assertThat(PublicAccessBlock.decode(p.encode())).isEqualTo(p);
    }
    assertThatThrownBy(() -> PublicAccessBlock.decode("pab1 1 0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ownershipWireNames() {
    assertThat(ObjectOwnership.DEFAULT).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    assertThat(ObjectOwnership.DEFAULT.aclsEnabled()).isFalse();
    assertThat(ObjectOwnership.fromWire("ObjectWriter")).contains(ObjectOwnership.OBJECT_WRITER);
    assertThat(ObjectOwnership.fromWire("BucketOwnerPreferred"))
        .contains(ObjectOwnership.BUCKET_OWNER_PREFERRED);
    assertThat(ObjectOwnership.fromWire("objectwriter")).isEmpty();
  }

  @Test
  void actionsMapToThePermissionS3Uses() {
    assertRequired("s3:ListBucket", AclPermissions.Level.BUCKET, Permission.READ);
    assertRequired("s3:ListBucketVersions", AclPermissions.Level.BUCKET, Permission.READ);
    assertRequired("s3:ListBucketMultipartUploads", AclPermissions.Level.BUCKET, Permission.READ);
    assertRequired("s3:PutObject", AclPermissions.Level.BUCKET, Permission.WRITE);
    assertRequired("s3:DeleteObject", AclPermissions.Level.BUCKET, Permission.WRITE);
    assertRequired("s3:GetBucketAcl", AclPermissions.Level.BUCKET, Permission.READ_ACP);
    assertRequired("s3:PutBucketAcl", AclPermissions.Level.BUCKET, Permission.WRITE_ACP);
    assertRequired("s3:GetObject", AclPermissions.Level.OBJECT, Permission.READ);
    assertRequired("s3:GetObjectVersion", AclPermissions.Level.OBJECT, Permission.READ);
    assertRequired("s3:GetObjectAcl", AclPermissions.Level.OBJECT, Permission.READ_ACP);
    assertRequired("s3:PutObjectAcl", AclPermissions.Level.OBJECT, Permission.WRITE_ACP);
    assertThat(AclPermissions.required("s3:PutBucketPolicy")).isEmpty();
    assertThat(AclPermissions.required("s3:GetObjectTagging")).isEmpty();
    assertThat(AclPermissions.required("s3:*")).isEmpty();
    assertThat(AclPermissions.required(null)).isEmpty();
  }

  private static void assertRequired(String action, AclPermissions.Level level, Permission p) {
    assertThat(AclPermissions.required(action))
        .as(action)
        .contains(new AclPermissions.Required(level, p));
  }
}
