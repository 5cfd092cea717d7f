package dev.dfs.s3;

import dev.dfs.store.CopyRequest;
import dev.dfs.store.DeleteResult;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** PutObject, CopyObject, DeleteObject and DeleteObjects. */
final class ObjectWriteHandlers {
  static final String SELF_COPY_MESSAGE =
      "This copy request is illegal because it is trying to"
          + " copy an object to itself without changing the object's metadata, storage class,"
          + " website redirect location or encryption attributes.";

  private final ObjectStore store;
  private final AclRules acls;
  private final LifecycleHandlers lifecycle;

  /** Whether the caller may delete one key of a DeleteObjects request (s3:DeleteObject). */
  @FunctionalInterface
  interface DeleteCheck {
    boolean allowed(S3Exchange ex, String key) throws IOException;
  }

  private final DeleteCheck deleteCheck;
  private final ObjectEncryption encryption;
  private final ObjectLockRules locks;
  private final BucketQuotas quotas;
  private final DefaultStorageClass defaultClass;

  /**
   * @param acls the ACL and ownership rules of object writes
   * @param lifecycle answers x-amz-expiration for written objects
   * @param deleteCheck asked for every key of a DeleteObjects request (AccessDenied per key)
   * @param encryption SSE of written objects
   * @param quotas admits writes within their bucket's quota
   * @param defaultClass the storage class of objects written without one
   */
  ObjectWriteHandlers(
      ObjectStore store,
      AclRules acls,
      LifecycleHandlers lifecycle,
      DeleteCheck deleteCheck,
      ObjectEncryption encryption,
      BucketQuotas quotas,
      DefaultStorageClass defaultClass) {
    this.store = store;
    this.acls = acls;
    this.lifecycle = lifecycle;
    this.deleteCheck = deleteCheck;
    this.encryption = encryption;
    this.locks = new ObjectLockRules(store);
    this.quotas = quotas;
    this.defaultClass = defaultClass;
  }

  void putObject(S3Exchange ex) throws IOException {
    long length = WriteRules.requireBodyLength(ex);
    try (QuotaReservation quota =
        quotas.admit(ex.bucketContext(), ex.key(), Math.max(length, 0), 1, length < 0)) {
      putObject(ex, length, quota);
    }
  }

  private void putObject(S3Exchange ex, long length, QuotaReservation quota) throws IOException {
    ObjectMetadata requested = ObjectHeaders.fromRequest(ex.headers());
    ObjectMetadata metadata =
        locks.forWrite(ex, acls.forNewObject(ex, defaultClass.apply(ex.bucket(), requested)));
    byte[] md5 = ChecksumHeaders.contentMd5(ex.header("Content-MD5"));
    ChecksumHeaders.Claim claim = ChecksumHeaders.claim(ex::header, ex::trailer, ex.body());
    ObjectEncryption.Plan plan = encryption.forWrite(ex, ex.bucket(), ex.objectKey());
    ObjectInfo info =
        store.putObject(
            new PutObjectRequest(
                ex.bucket(),
                ex.objectKey(),
                length,
                plan.apply(metadata),
                md5,
                claim.algorithm(),
                claim.present() ? claim.expected() : null,
                WriteConditions.from(ex::header),
                plan.encryption()),
            quota.meter(WriteRules.body(ex, length)));
    ex.setHeader("ETag", ObjectHeaders.quote(info.etag()));
    plan.responseHeaders().forEach(ex::setHeader);
    if (info.versionId() != null) ex.setHeader("x-amz-version-id", info.versionId());
    ObjectHeaders.checksum(info.checksum()).forEach(ex::setHeader);
    lifecycle.expirationHeader(ex, info).ifPresent(v -> ex.setHeader("x-amz-expiration", v));
    ex.sendEmpty(200);
  }

  void copyObject(S3Exchange ex) throws IOException {
    CopySource src = CopySource.parse(ex.header("x-amz-copy-source"));
    ObjectHeaders.checkVersionId(src.versionId());
    boolean replace = WriteRules.replaceMetadata(ex.header("x-amz-metadata-directive"));
    String storageClass = ObjectHeaders.storageClass(ex.header("x-amz-storage-class"));
    ChecksumAlgorithm requested =
        WriteRules.checksumAlgorithm(ex.header("x-amz-checksum-algorithm"));
    SseHeaders.CustomerKey sourceKey = SseHeaders.customerKey(ex, SseHeaders.COPY_SOURCE_CUSTOMER);
    ObjectEncryption.Plan plan = encryption.forWrite(ex, ex.bucket(), ex.objectKey());
    ObjectInfo source = WriteRules.copySourceObject(store, ex, src);
    WriteRules.checkCopySize(source.size());
    checkNotSelfCopy(ex, src, replace || storageClass != null || requested != null);
    // COPY keeps the source's content headers and user metadata; the storage class is the
    // one asked for, else the bucket's default, else STANDARD (S3 does not carry it over).
    ObjectMetadata metadata =
        replace
            ? ObjectHeaders.fromRequest(ex.headers())
            : ObjectHeaders.withStorageClass(source.metadata(), storageClass);
    // Tags follow their own directive: COPY (default) keeps the source's, REPLACE takes
    // x-amz-tagging (none when absent).
    metadata =
        replaceTags(ex.header("x-amz-tagging-directive"))
            ? metadata.withTags(ObjectTags.fromHeader(ex.header("x-amz-tagging")))
            : metadata.withTags(
                src.versionId() != null ? source.metadata().tags() : sourceTags(src));
    // The copy's ACL comes from this request's headers (private when none), never the source's.
    metadata = locks.forWrite(ex, acls.forNewObject(ex, defaultClass.apply(ex.bucket(), metadata)));
    ChecksumAlgorithm algorithm =
        requested != null
            ? requested
            : source.checksum() == null ? null : source.checksum().algorithm();
    ObjectInfo copied =
        copy(
            ex,
            new ReadRequest(src.bucket(), src.key(), src.versionId(), encryption.reader(sourceKey)),
            source.size(),
            plan,
            metadata,
            algorithm);
    plan.responseHeaders().forEach(ex::setHeader);
    lifecycle.expirationHeader(ex, copied).ifPresent(v -> ex.setHeader("x-amz-expiration", v));
    if (source.versionId() != null)
      ex.setHeader("x-amz-copy-source-version-id", source.versionId());
    if (copied.versionId() != null) ex.setHeader("x-amz-version-id", copied.versionId());
    ex.sendXml(
        200,
        MultipartXml.copyResult(
            "CopyObjectResult", copied.etag(), copied.lastModified(), copied.checksum()));
  }

  /**
   * Refuses a copy of an object onto itself that changes nothing ({@code changes} is false: no
   * REPLACE directive, storage class or checksum asked for) and asks for no encryption. A source
   * that names a version is a restore of that version (S3 allows it), no self-copy.
   */
  private static void checkNotSelfCopy(S3Exchange ex, CopySource src, boolean changes) {
    if (src.bucket().equals(ex.bucket())
        && src.key().equals(ex.key())
        && src.versionId() == null
        && !changes
        && !ObjectEncryption.asksForEncryption(ex)) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, SELF_COPY_MESSAGE);
    }
  }

  /** Copies {@code source} to the request's object under the bucket's quota. */
  private ObjectInfo copy(
      S3Exchange ex,
      ReadRequest source,
      long size,
      ObjectEncryption.Plan plan,
      ObjectMetadata metadata,
      @Nullable ChecksumAlgorithm algorithm)
      throws IOException {
    try (QuotaReservation quota = quotas.admit(ex.bucketContext(), ex.key(), size, 1, false)) {
      return store.copyObject(
          new CopyRequest(
              source,
              new PutObjectRequest(
                  ex.bucket(),
                  ex.objectKey(),
                  -1,
                  plan.apply(metadata),
                  null,
                  algorithm,
                  null,
                  null,
                  plan.encryption())));
    }
  }

  /**
   * The source's tags for the COPY tagging directive, read through {@link
   * ObjectStore#objectTagging} (a gateway's HEAD cannot return them). An engine that cannot store
   * tags has none, so its NOT_IMPLEMENTED means an empty set here.
   */
  private java.util.Map<String, String> sourceTags(CopySource src) throws IOException {
    try {
      return store.objectTagging(ObjectRef.current(src.bucket(), src.key()));
    } catch (StoreException e) {
      if (e.error() == dev.dfs.store.StoreError.NOT_IMPLEMENTED) return java.util.Map.of();
      throw e;
    }
  }

  private static boolean replaceTags(String directive) {
    if (directive == null || directive.trim().equalsIgnoreCase("COPY")) return false;
    if (directive.trim().equalsIgnoreCase("REPLACE")) return true;
    throw S3Exception.invalidArgument(
        "Unknown tagging directive.", "x-amz-tagging-directive", directive);
  }

  /**
   * DELETE /bucket/key[?versionId=]: see {@link ObjectStore#delete}; answers {@code
   * x-amz-version-id} and {@code x-amz-delete-marker} as S3 does.
   */
  void deleteObject(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    DeleteResult r =
        store.delete(new ObjectRef(ex.bucket(), ex.objectKey(), versionId), deleteGuard(ex));
    if (r.versionId() != null) ex.setHeader("x-amz-version-id", r.versionId());
    if (r.deleteMarker()) ex.setHeader("x-amz-delete-marker", "true");
    ex.sendEmpty(204);
  }

  /** What may veto removing a version (Object Lock), or null. */
  private java.util.function.@Nullable Consumer<ObjectInfo> deleteGuard(S3Exchange ex)
      throws IOException {
    return locks.deleteGuard(ex);
  }

  void deleteObjects(S3Exchange ex) throws IOException {
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, true);
    DeleteObjectsXml.Request request = DeleteObjectsXml.parse(body);
    if (store.bucket(ex.bucket()).isEmpty()) {
      throw new S3Exception(S3ErrorCode.NO_SUCH_BUCKET).with("BucketName", ex.bucket());
    }
    List<DeleteObjectsXml.Result> results = new ArrayList<>(request.objects().size());
    java.util.function.Consumer<ObjectInfo> guard = deleteGuard(ex);
    for (DeleteObjectsXml.Target target : request.objects()) {
      results.add(deleteOne(ex, target, guard));
    }
    ex.sendXml(200, DeleteObjectsXml.render(results, request.quiet()));
  }

  private DeleteObjectsXml.Result deleteOne(
      S3Exchange ex,
      DeleteObjectsXml.Target target,
      java.util.function.@Nullable Consumer<ObjectInfo> guard)
      throws IOException {
    String bucket = ex.bucket();
    try {
      ObjectHeaders.checkVersionId(target.versionId());
      if (target.key().isEmpty()) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid key");
      }
      ObjectKeys.checkLength(target.key());
      if (!deleteCheck.allowed(ex, target.key())) {
        throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
      }
      DeleteResult r = store.delete(new ObjectRef(bucket, target.key(), target.versionId()), guard);
      return DeleteObjectsXml.Result.deleted(target, r);
    } catch (S3Exception e) {
      return DeleteObjectsXml.Result.failed(target, e);
    } catch (StoreException e) {
      return DeleteObjectsXml.Result.failed(target, ErrorMapper.fromStore(e));
    }
  }
}
