package dev.dfs.s3;

/**
 * The handlers of the S3 endpoint, one per resource (a generic one per bucket configuration), wired
 * once by {@link S3HandlerFactory}. The route table ({@link S3Routes}) names for each operation the
 * method of one of them that answers it. Immutable; each handler is thread-safe.
 */
record ResourceHandlers(
    BucketHandlers buckets,
    ListingHandlers listings,
    ObjectReadHandlers reads,
    ObjectWriteHandlers writes,
    MultipartHandlers multipart,
    TaggingHandlers tagging,
    VersioningHandlers versioning,
    ObjectLockHandlers locks,
    CorsHandlers cors,
    AclHandlers acls,
    PolicyHandlers policies,
    PostObjectHandler post,
    BucketConfigHandler<?> bucketTagging,
    BucketConfigHandler<?> bucketCors,
    BucketConfigHandler<?> bucketEncryption,
    BucketConfigHandler<?> bucketLifecycle,
    BucketConfigHandler<?> ownershipControls,
    BucketConfigHandler<?> publicAccessBlock,
    ObjectAttributesHandlers attributes,
    RestoreHandlers restores,
    IntelligentTieringHandlers intelligentTiering) {}
