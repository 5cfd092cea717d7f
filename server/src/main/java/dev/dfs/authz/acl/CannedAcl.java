package dev.dfs.authz.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * S3's canned ACLs ({@code x-amz-acl}) and the grants each one stands for. {@code aws-exec-read} (a
 * grant to Amazon EC2) has no meaning in DFS and is not listed: the protocol layer answers it with
 * NotImplemented.
 */
public enum CannedAcl {
  PRIVATE("private"),
  PUBLIC_READ("public-read"),
  PUBLIC_READ_WRITE("public-read-write"),
  AUTHENTICATED_READ("authenticated-read"),
  BUCKET_OWNER_READ("bucket-owner-read"),
  BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
  LOG_DELIVERY_WRITE("log-delivery-write");

  private final String wireName;

  CannedAcl(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code x-amz-acl} value, e.g. {@code public-read}. */
  public String wireName() {
    return wireName;
  }

  /** The canned ACL with that header value (case-insensitive, trimmed), or empty. */
  public static Optional<CannedAcl> fromWire(String value) {
    if (value == null) return Optional.empty();
    String v = value.strip().toLowerCase(Locale.ROOT);
    for (CannedAcl c : values()) {
      if (c.wireName.equals(v)) return Optional.of(c);
    }
    return Optional.empty();
  }

  /**
   * The ACL this canned ACL gives a resource, as S3 defines it. The owner always gets FULL_CONTROL;
   * then: public-read adds AllUsers READ, public-read-write AllUsers READ and WRITE,
   * authenticated-read AuthenticatedUsers READ, log-delivery-write LogDelivery WRITE and READ_ACP;
   * bucket-owner-read / bucket-owner-full-control add the bucket owner READ / FULL_CONTROL on an
   * object owned by someone else (nothing on a bucket or when the bucket owner owns the object, as
   * in S3).
   *
   * @param ownerId the owner of the resource the ACL is for
   * @param bucketOwnerId the owner of the bucket (equal to {@code ownerId} for a bucket)
   */
  public AccessControlList toAcl(String ownerId, String bucketOwnerId) {
    List<Grant> grants = new ArrayList<>();
    grants.add(new Grant(Grantee.user(ownerId), Permission.FULL_CONTROL));
    boolean otherBucketOwner = bucketOwnerId != null && !bucketOwnerId.equals(ownerId);
    switch (this) {
      case PRIVATE -> {}
      case PUBLIC_READ -> grants.add(new Grant(Grantee.ALL_USERS, Permission.READ));
      case PUBLIC_READ_WRITE -> {
        grants.add(new Grant(Grantee.ALL_USERS, Permission.READ));
        grants.add(new Grant(Grantee.ALL_USERS, Permission.WRITE));
      }
      case AUTHENTICATED_READ ->
          grants.add(new Grant(Grantee.AUTHENTICATED_USERS, Permission.READ));
      case BUCKET_OWNER_READ -> {
        if (otherBucketOwner) {
          grants.add(new Grant(Grantee.user(bucketOwnerId), Permission.READ));
        }
      }
      case BUCKET_OWNER_FULL_CONTROL -> {
        if (otherBucketOwner) {
          grants.add(new Grant(Grantee.user(bucketOwnerId), Permission.FULL_CONTROL));
        }
      }
      case LOG_DELIVERY_WRITE -> {
        grants.add(new Grant(Grantee.LOG_DELIVERY, Permission.WRITE));
        grants.add(new Grant(Grantee.LOG_DELIVERY, Permission.READ_ACP));
      }
    }
    return new AccessControlList(ownerId, ownerId, grants);
  }
}
