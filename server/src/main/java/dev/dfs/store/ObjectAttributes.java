package dev.dfs.store;

/**
 * Names of the system attributes kept in {@link ObjectMetadata#attributes()}. One place lists
 * them so features cannot collide; each name belongs to the feature that documents it here.
 * Engines store attributes opaquely; only the protocol layer interprets them.
 */
public final class ObjectAttributes {
  /**
   * The object's access control list in the ACL feature's stored form
   * ({@code dev.dfs.authz.acl.AccessControlList#encode}). Absent: the default private ACL (the
   * object's owner has FULL_CONTROL).
   */
  public static final String ACL = "acl";

  /**
   * The user id of the object's owner (the writer, under the ObjectWriter and
   * BucketOwnerPreferred ownership settings). Absent: the bucket owner owns the object.
   */
  public static final String OWNER = "owner";

  private ObjectAttributes() {}
}
