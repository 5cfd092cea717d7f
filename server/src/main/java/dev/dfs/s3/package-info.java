/**
 * The S3 protocol: every request is resolved once by {@link dev.dfs.s3.S3Router} from the route
 * table {@link dev.dfs.s3.S3Routes} (method, sub-resource or query condition, operation, handler),
 * authenticated and authorized once in {@link dev.dfs.s3.S3Handler}, and dispatched to the handler
 * the same table names. Failures are {@link dev.dfs.s3.S3Exception}s with an {@link
 * dev.dfs.s3.S3ErrorCode}, rendered in one place.
 *
 * <p>The addressed bucket's configuration is loaded once per request into one immutable {@code
 * BucketContext} (owner, Object Ownership, Block Public Access, ACL, Object Lock, default
 * encryption, quota, lifecycle, CORS for requests with an Origin), by one lookup ({@code
 * BucketContexts}), when the first reader needs it: the authorizer gets its access part in the
 * {@code AccessRequest} ({@link dev.dfs.authz.BucketSettings}), the rules ({@code AclRules}, {@code
 * ObjectLockRules}, {@code ObjectEncryption}, {@code BucketQuotas}) and the handlers read it from
 * the exchange. Nothing on the request path looks the bucket's configuration up again.
 *
 * <h2>Where each operation is answered</h2>
 *
 * <pre>
 * ListBuckets, CreateBucket, HeadBucket, DeleteBucket,
 *   GetBucketLocation                            BucketHandlers
 * ListObjects, ListObjectsV2                     ListingHandlers (ListParams, ListingXml)
 * GetObject, HeadObject                          ObjectReadHandlers (RangeHeader, Conditionals)
 * PutObject, CopyObject, DeleteObject,
 *   DeleteObjects                                ObjectWriteHandlers (WriteRules, CopySource,
 *                                                DeleteObjectsXml)
 * Create/Complete/AbortMultipartUpload,
 *   UploadPart, UploadPartCopy, ListParts,
 *   ListMultipartUploads                         MultipartHandlers (MultipartXml)
 * PostObject (browser form upload)               PostObjectHandler (MultipartForm, PostPolicy)
 * Get/Put/DeleteObjectTagging                    TaggingHandlers (ObjectTags)
 * Get/Put/DeleteBucketTagging                    BucketConfigHandler + TaggingHandlers
 * Get/Put/DeleteBucketCors, OPTIONS preflight    BucketConfigHandler + CorsHandlers (CorsConfig)
 * Get/Put/DeleteBucketEncryption                 BucketConfigHandler + EncryptionHandlers
 * Get/Put/DeleteBucketLifecycle(Configuration)   BucketConfigHandler + LifecycleHandlers
 * Get/Put/DeleteBucketOwnershipControls          BucketConfigHandler + OwnershipControlsHandlers
 * Get/Put/DeletePublicAccessBlock                BucketConfigHandler + PublicAccessBlockHandlers
 * Put/Get/List/DeleteBucketIntelligentTiering…   IntelligentTieringHandlers (IntelligentTieringXml)
 * Get/Put/DeleteBucketPolicy, GetBucketPolicyStatus  PolicyHandlers
 * Get/PutBucketAcl, Get/PutObjectAcl             AclHandlers (AclRules, AclHeaders, AclXml)
 * Get/PutBucketVersioning, ListObjectVersions    VersioningHandlers (VersioningXml)
 * Get/PutObjectLockConfiguration, Get/Put-
 *   ObjectRetention, Get/PutObjectLegalHold      ObjectLockHandlers (ObjectLockRules, -Xml)
 * sub-resources DFS knows but does not serve     UnsupportedFeatures (NotImplemented)
 * </pre>
 *
 * <p>Shared request rules live in small classes beside them: {@link dev.dfs.s3.ObjectKeys} (key
 * length), {@link dev.dfs.s3.UriCodec} (percent-decoding), {@link dev.dfs.s3.PartNumbers}, {@code
 * ChecksumHeaders}, {@code SseHeaders}, {@code ObjectHeaders}. The wiring of all handlers is {@link
 * dev.dfs.s3.S3HandlerFactory}.
 */
package dev.dfs.s3;
