package dev.dfs.s3;

/**
 * Every S3 operation the router can resolve, with the IAM action it needs. Resolved once per
 * request by {@link S3Router} from the route table {@link S3Routes}, which also names the handler
 * {@link S3Handler} dispatches it to. Sub-resources DFS recognises but does not serve resolve to
 * the two UNSUPPORTED_* constants and are answered with NotImplemented, so clients get a clear
 * error.
 */
public enum S3Operation {
  LIST_BUCKETS("s3:ListAllMyBuckets", Scope.SERVICE),

  CREATE_BUCKET("s3:CreateBucket", Scope.BUCKET),
  HEAD_BUCKET("s3:ListBucket", Scope.BUCKET),
  DELETE_BUCKET("s3:DeleteBucket", Scope.BUCKET),
  GET_BUCKET_LOCATION("s3:GetBucketLocation", Scope.BUCKET),
  GET_BUCKET_VERSIONING("s3:GetBucketVersioning", Scope.BUCKET),
  PUT_BUCKET_VERSIONING("s3:PutBucketVersioning", Scope.BUCKET),
  LIST_OBJECT_VERSIONS("s3:ListBucketVersions", Scope.BUCKET),
  GET_OBJECT_LOCK_CONFIGURATION("s3:GetBucketObjectLockConfiguration", Scope.BUCKET),
  PUT_OBJECT_LOCK_CONFIGURATION("s3:PutBucketObjectLockConfiguration", Scope.BUCKET),
  LIST_OBJECTS("s3:ListBucket", Scope.BUCKET),
  LIST_OBJECTS_V2("s3:ListBucket", Scope.BUCKET),
  LIST_MULTIPART_UPLOADS("s3:ListBucketMultipartUploads", Scope.BUCKET),
  DELETE_OBJECTS("s3:DeleteObject", Scope.BUCKET),
  GET_BUCKET_TAGGING("s3:GetBucketTagging", Scope.BUCKET),
  PUT_BUCKET_TAGGING("s3:PutBucketTagging", Scope.BUCKET),
  DELETE_BUCKET_TAGGING("s3:PutBucketTagging", Scope.BUCKET),
  GET_BUCKET_CORS("s3:GetBucketCORS", Scope.BUCKET),
  PUT_BUCKET_CORS("s3:PutBucketCORS", Scope.BUCKET),
  DELETE_BUCKET_CORS("s3:PutBucketCORS", Scope.BUCKET),
  GET_BUCKET_ACL("s3:GetBucketAcl", Scope.BUCKET),
  PUT_BUCKET_ACL("s3:PutBucketAcl", Scope.BUCKET),
  GET_BUCKET_OWNERSHIP_CONTROLS("s3:GetBucketOwnershipControls", Scope.BUCKET),
  PUT_BUCKET_OWNERSHIP_CONTROLS("s3:PutBucketOwnershipControls", Scope.BUCKET),
  DELETE_BUCKET_OWNERSHIP_CONTROLS("s3:PutBucketOwnershipControls", Scope.BUCKET),
  GET_PUBLIC_ACCESS_BLOCK("s3:GetBucketPublicAccessBlock", Scope.BUCKET),
  PUT_PUBLIC_ACCESS_BLOCK("s3:PutBucketPublicAccessBlock", Scope.BUCKET),
  DELETE_PUBLIC_ACCESS_BLOCK("s3:PutBucketPublicAccessBlock", Scope.BUCKET),
  PUT_BUCKET_POLICY("s3:PutBucketPolicy", Scope.BUCKET),
  GET_BUCKET_POLICY("s3:GetBucketPolicy", Scope.BUCKET),
  DELETE_BUCKET_POLICY("s3:DeleteBucketPolicy", Scope.BUCKET),
  GET_BUCKET_POLICY_STATUS("s3:GetBucketPolicyStatus", Scope.BUCKET),
  GET_BUCKET_LIFECYCLE_CONFIGURATION("s3:GetLifecycleConfiguration", Scope.BUCKET),
  PUT_BUCKET_LIFECYCLE_CONFIGURATION("s3:PutLifecycleConfiguration", Scope.BUCKET),
  DELETE_BUCKET_LIFECYCLE("s3:PutLifecycleConfiguration", Scope.BUCKET),
  GET_BUCKET_INTELLIGENT_TIERING_CONFIGURATION(
      "s3:GetIntelligentTieringConfiguration", Scope.BUCKET),
  LIST_BUCKET_INTELLIGENT_TIERING_CONFIGURATIONS(
      "s3:GetIntelligentTieringConfiguration", Scope.BUCKET),
  PUT_BUCKET_INTELLIGENT_TIERING_CONFIGURATION(
      "s3:PutIntelligentTieringConfiguration", Scope.BUCKET),
  DELETE_BUCKET_INTELLIGENT_TIERING_CONFIGURATION(
      "s3:PutIntelligentTieringConfiguration", Scope.BUCKET),
  GET_BUCKET_ENCRYPTION("s3:GetEncryptionConfiguration", Scope.BUCKET),
  PUT_BUCKET_ENCRYPTION("s3:PutEncryptionConfiguration", Scope.BUCKET),
  DELETE_BUCKET_ENCRYPTION("s3:PutEncryptionConfiguration", Scope.BUCKET),
  /**
   * OPTIONS preflight of a browser, on a bucket or a key: answered from the bucket's CORS rules
   * without credentials (the action names what it reads).
   */
  CORS_PREFLIGHT("s3:GetBucketCORS", Scope.BUCKET),

  GET_OBJECT("s3:GetObject", Scope.OBJECT),
  HEAD_OBJECT("s3:GetObject", Scope.OBJECT),
  GET_OBJECT_ATTRIBUTES("s3:GetObjectAttributes", Scope.OBJECT),
  PUT_OBJECT("s3:PutObject", Scope.OBJECT),
  COPY_OBJECT("s3:PutObject", Scope.OBJECT),
  DELETE_OBJECT("s3:DeleteObject", Scope.OBJECT),
  CREATE_MULTIPART_UPLOAD("s3:PutObject", Scope.OBJECT),
  UPLOAD_PART("s3:PutObject", Scope.OBJECT),
  UPLOAD_PART_COPY("s3:PutObject", Scope.OBJECT),
  COMPLETE_MULTIPART_UPLOAD("s3:PutObject", Scope.OBJECT),
  ABORT_MULTIPART_UPLOAD("s3:AbortMultipartUpload", Scope.OBJECT),
  LIST_PARTS("s3:ListMultipartUploadParts", Scope.OBJECT),
  GET_OBJECT_TAGGING("s3:GetObjectTagging", Scope.OBJECT),
  PUT_OBJECT_TAGGING("s3:PutObjectTagging", Scope.OBJECT),
  DELETE_OBJECT_TAGGING("s3:DeleteObjectTagging", Scope.OBJECT),
  GET_OBJECT_ACL("s3:GetObjectAcl", Scope.OBJECT),
  PUT_OBJECT_ACL("s3:PutObjectAcl", Scope.OBJECT),
  GET_OBJECT_RETENTION("s3:GetObjectRetention", Scope.OBJECT),
  PUT_OBJECT_RETENTION("s3:PutObjectRetention", Scope.OBJECT),
  GET_OBJECT_LEGAL_HOLD("s3:GetObjectLegalHold", Scope.OBJECT),
  PUT_OBJECT_LEGAL_HOLD("s3:PutObjectLegalHold", Scope.OBJECT),
  RESTORE_OBJECT("s3:RestoreObject", Scope.OBJECT),

  /** A bucket sub-resource DFS knows but does not serve (website, logging, notification, …). */
  UNSUPPORTED_BUCKET_SUBRESOURCE("s3:*", Scope.BUCKET),
  /** An object sub-resource DFS knows but does not serve (torrent, select, …). */
  UNSUPPORTED_OBJECT_SUBRESOURCE("s3:*", Scope.OBJECT),
  /** Browser form upload (POST to a bucket), signed inside the form: {@link PostObjectHandler}. */
  POST_OBJECT("s3:PutObject", Scope.BUCKET);

  /** What the operation addresses. */
  public enum Scope {
    SERVICE,
    BUCKET,
    OBJECT
  }

  private final String action;
  private final Scope scope;

  S3Operation(String action, Scope scope) {
    this.action = action;
    this.scope = scope;
  }

  /** The IAM action this operation needs, e.g. {@code s3:GetObject}. */
  public String action() {
    return action;
  }

  public Scope scope() {
    return scope;
  }
}
