package dev.dfs.authz.acl;

import java.util.Map;
import java.util.Optional;

/**
 * Which ACL permission on which resource grants an IAM action, as S3 maps them ("Mapping of ACL
 * permissions and access policy permissions" in the S3 user guide). FULL_CONTROL grants every
 * action of its resource ({@link Permission#covers}). Pure.
 *
 * <table>
 *   <caption>action → permission</caption>
 *   <tr><th>bucket READ</th><td>s3:ListBucket, s3:ListBucketVersions,
 *       s3:ListBucketMultipartUploads</td></tr>
 *   <tr><th>bucket WRITE</th><td>s3:PutObject, s3:DeleteObject, s3:DeleteObjectVersion on the
 *       bucket's objects; also s3:AbortMultipartUpload and s3:ListMultipartUploadParts (DFS:
 *       whoever may write may finish or abandon a multipart upload)</td></tr>
 *   <tr><th>bucket READ_ACP / WRITE_ACP</th><td>s3:GetBucketAcl / s3:PutBucketAcl</td></tr>
 *   <tr><th>object READ</th><td>s3:GetObject, s3:GetObjectVersion, s3:GetObjectAttributes, s3:GetObjectVersionAttributes</td></tr>
 *   <tr><th>object READ_ACP</th><td>s3:GetObjectAcl, s3:GetObjectVersionAcl</td></tr>
 *   <tr><th>object WRITE_ACP</th><td>s3:PutObjectAcl, s3:PutObjectVersionAcl</td></tr>
 * </table>
 *
 * Every other action (bucket configuration, tagging, policies…) is never granted by an ACL.
 */
public final class AclPermissions {
  /** Whose ACL is consulted. */
  public enum Level {
    BUCKET,
    OBJECT
  }

  /** The ACL permission that grants an action, and on which resource. */
  public record Required(Level level, Permission permission) {}

  private static final Map<String, Required> ACTIONS =
      Map.ofEntries(
          Map.entry("s3:ListBucket", bucket(Permission.READ)),
          Map.entry("s3:ListBucketVersions", bucket(Permission.READ)),
          Map.entry("s3:ListBucketMultipartUploads", bucket(Permission.READ)),
          Map.entry("s3:PutObject", bucket(Permission.WRITE)),
          Map.entry("s3:DeleteObject", bucket(Permission.WRITE)),
          Map.entry("s3:DeleteObjectVersion", bucket(Permission.WRITE)),
          Map.entry("s3:AbortMultipartUpload", bucket(Permission.WRITE)),
          Map.entry("s3:ListMultipartUploadParts", bucket(Permission.WRITE)),
          Map.entry("s3:GetBucketAcl", bucket(Permission.READ_ACP)),
          Map.entry("s3:PutBucketAcl", bucket(Permission.WRITE_ACP)),
          Map.entry("s3:GetObject", object(Permission.READ)),
          Map.entry("s3:GetObjectVersion", object(Permission.READ)),
          Map.entry("s3:GetObjectAttributes", object(Permission.READ)),
          Map.entry("s3:GetObjectVersionAttributes", object(Permission.READ)),
          Map.entry("s3:GetObjectAcl", object(Permission.READ_ACP)),
          Map.entry("s3:GetObjectVersionAcl", object(Permission.READ_ACP)),
          Map.entry("s3:PutObjectAcl", object(Permission.WRITE_ACP)),
          Map.entry("s3:PutObjectVersionAcl", object(Permission.WRITE_ACP)));

  private AclPermissions() {}

  /** What grants {@code action} (e.g. {@code s3:GetObject}), or empty when no ACL can. */
  public static Optional<Required> required(String action) {
    return action == null ? Optional.empty() : Optional.ofNullable(ACTIONS.get(action));
  }

  private static Required bucket(Permission p) {
    return new Required(Level.BUCKET, p);
  }

  private static Required object(Permission p) {
    return new Required(Level.OBJECT, p);
  }
}
