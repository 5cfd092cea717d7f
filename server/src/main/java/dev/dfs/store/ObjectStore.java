package dev.dfs.store;

import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The storage engine contract every engine (local, gateway, cluster) fulfils. It knows nothing
 * of HTTP, signatures or XML.
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use by any number of
 * threads. <b>Atomicity:</b> a write becomes visible all at once when its method returns; a
 * failed or interrupted write leaves nothing visible. Concurrent writes to one key: the last
 * to commit wins. <b>Durability:</b> when a write method returns, its data and metadata survive
 * a crash of the process or machine.
 *
 * <p><b>Body streams:</b> methods taking an {@link InputStream} read it to its end (or
 * {@code size} bytes) and never close it. If reading throws an {@link IOException} (for example
 * a {@link dev.dfs.util.BodyException} raised by a verifying stream) nothing is committed and the
 * exception is rethrown unchanged. Whole bodies are never held in memory.
 *
 * <p><b>Errors:</b> refusals are {@link StoreException}s naming a {@link StoreError};
 * {@link IOException} means the machine failed (disk, corruption).
 */
public interface ObjectStore extends AutoCloseable {

  /** Smallest size of any part but the last one in a multipart upload (S3: 5 MiB). */
  long MIN_PART_SIZE = 5L * 1024 * 1024;

  // ---- buckets ----

  /** Creates a bucket. BUCKET_ALREADY_OWNED_BY_YOU if it exists. Name rules are checked above. */
  BucketInfo createBucket(String name, String region) throws IOException;

  Optional<BucketInfo> bucket(String name) throws IOException;

  /** All buckets in name order. */
  List<BucketInfo> listBuckets() throws IOException;

  /**
   * Deletes an empty bucket, aborting its incomplete multipart uploads (as S3 general-purpose
   * buckets do). NO_SUCH_BUCKET; BUCKET_NOT_EMPTY if it holds objects, versions or delete
   * markers.
   */
  void deleteBucket(String name) throws IOException;

  /**
   * A bucket configuration document by name (e.g. {@code cors}), as the protocol layer stored
   * it, or empty. NO_SUCH_BUCKET; NOT_IMPLEMENTED for engines without bucket configuration.
   */
  default Optional<String> bucketConfig(String bucket, String name) throws IOException {
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "bucket configuration is not supported");
  }

  /**
   * Stores ({@code document} not null) or removes ({@code null}) a bucket configuration
   * document; durable on return. Deleting the bucket removes its documents. NO_SUCH_BUCKET.
   */
  default void putBucketConfig(String bucket, String name, String document) throws IOException {
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "bucket configuration is not supported");
  }

  /**
   * The bucket's versioning state. NO_SUCH_BUCKET. Engines without versioning answer
   * {@link VersioningState#UNVERSIONED}.
   */
  default VersioningState versioning(String bucket) throws IOException {
    if (bucket(bucket).isEmpty()) {
      throw new StoreException(StoreError.NO_SUCH_BUCKET, "no such bucket: " + bucket);
    }
    return VersioningState.UNVERSIONED;
  }

  /**
   * Sets the bucket's versioning state (ENABLED or SUSPENDED; a bucket never returns to
   * UNVERSIONED: INVALID_ARGUMENT), durably and atomically with respect to concurrent writes,
   * which see either the old or the new state. NO_SUCH_BUCKET; NOT_IMPLEMENTED for engines
   * without versioning.
   */
  default void setVersioning(String bucket, VersioningState state) throws IOException {
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
  }

  // ---- objects ----

  /**
   * Stores an object, replacing any current one. Computes the MD5 (ETag) and, when asked, the
   * additional checksum in the same pass as writing; checks {@code expectedMd5} and
   * {@code expectedChecksum} after the body ended and before committing (BAD_DIGEST), and the
   * request's {@link WriteCondition} atomically with the commit (PRECONDITION_FAILED,
   * NO_SUCH_KEY, CONDITIONAL_CONFLICT). NO_SUCH_BUCKET.
   */
  ObjectInfo putObject(PutObjectRequest request, InputStream body) throws IOException;

  /** The current object's info, or empty. NO_SUCH_BUCKET. */
  Optional<ObjectInfo> head(String bucket, String key) throws IOException;

  /** Opens the current object for reading. NO_SUCH_BUCKET, NO_SUCH_KEY. */
  ObjectRead open(String bucket, String key) throws IOException;


  /**
   * True when the engine honours {@link DataEncryption} on writes and {@link KeyResolver}s on
   * reads; otherwise it refuses encrypted writes with NOT_IMPLEMENTED.
   */
  default boolean supportsEncryption() {
    return false;
  }

  /** Deletes the current object; deleting a missing key is not an error. NO_SUCH_BUCKET. */
  void deleteObject(String bucket, String key) throws IOException;

  /**
   * Deletes the current object only if it is still the one the caller saw: same ETag and same
   * Last-Modified (to the millisecond). Returns whether it was deleted; false when the key is
   * gone or holds a newer write. For background deletions (lifecycle expiry) that must never
   * remove an object rewritten after they looked. The default checks with {@link #head} and
   * then deletes, which leaves a short window in which a concurrent overwrite is lost; engines
   * that can check atomically with the delete override it. NO_SUCH_BUCKET.
   */
  default boolean deleteObjectIfUnchanged(
      String bucket, String key, String etag, java.time.Instant lastModified) throws IOException {
    Optional<ObjectInfo> current = head(bucket, key);
    if (current.isEmpty() || !current.get().etag().equals(etag)
        || current.get().lastModified().toEpochMilli() != lastModified.toEpochMilli()) {
      return false;
    }
    deleteObject(bucket, key);
    return true;
  }

  /**
   * Copies the current object {@code srcBucket/srcKey} (or {@code range} of it, null for all)
   * to {@code target}, whose metadata the caller has already decided (COPY or REPLACE). The
   * copy may share stored data with the source. NO_SUCH_BUCKET, NO_SUCH_KEY.
   */
  ObjectInfo copyObject(String srcBucket, String srcKey, PutObjectRequest target)
      throws IOException;


  /**
   * Replaces the tag set of the current object (empty map: removes all tags) without touching
   * its data, ETag or Last-Modified. Returns the updated info. NO_SUCH_BUCKET, NO_SUCH_KEY; an
   * engine that cannot store tags answers NOT_IMPLEMENTED.
   */
  default ObjectInfo putObjectTagging(String bucket, String key, java.util.Map<String, String> tags)
      throws IOException {
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "object tagging is not supported");
  }

  /**
   * Replaces the current object's metadata (tags, system attributes…) with
   * {@code change.apply(current)} without touching its data, ETag or Last-Modified, atomically
   * with respect to other writers of the key ({@code change} runs under the key's lock and must
   * be quick and side-effect free; it may throw a {@link StoreException} to refuse). Returns the
   * updated info. NO_SUCH_BUCKET, NO_SUCH_KEY; engines that cannot store metadata separately
   * answer NOT_IMPLEMENTED.
   */
  default ObjectInfo updateMetadata(
      String bucket, String key, java.util.function.UnaryOperator<ObjectMetadata> change)
      throws IOException {
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "metadata updates are not supported");
  }

  /**
   * The tag set of the current object (empty map: none). The default reads it from
   * {@link #head}; an engine whose HEAD cannot return tags (a gateway) overrides this.
   * NO_SUCH_BUCKET, NO_SUCH_KEY; an engine that cannot store tags answers NOT_IMPLEMENTED.
   */
  default java.util.Map<String, String> objectTagging(String bucket, String key)
      throws IOException {
    return head(bucket, key)
        .orElseThrow(() -> new StoreException(StoreError.NO_SUCH_KEY,
            "The specified key does not exist."))
        .metadata().tags();
  }

  // ---- versions (versionId null always means the current version) ----
  // The defaults serve engines without versioning, where every object is its key's null
  // version: versionId "null" addresses the current object, any other id NOT_IMPLEMENTED.

  /** Whether {@code versionId} addresses the current object of an engine without versioning. */
  private static boolean current(String versionId) {
    return versionId == null || versionId.equals(VersionIds.NULL);
  }

  /**
   * One version's info ({@link ObjectInfo#deleteMarker()} set for a delete marker), or empty
   * when {@code versionId} is null and the key has no current object (its newest version may
   * be a delete marker). NO_SUCH_BUCKET; NO_SUCH_VERSION for an unknown id.
   */
  default Optional<ObjectInfo> head(String bucket, String key, String versionId)
      throws IOException {
    if (current(versionId)) return head(bucket, key);
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
  }

  /**
   * Opens one version for reading. NO_SUCH_BUCKET; NO_SUCH_KEY when {@code versionId} is null
   * and there is no current object ({@link StoreException#deleteMarker()} set when the newest
   * version is a delete marker); NO_SUCH_VERSION; DELETE_MARKER when the id names one.
   */
  default ObjectRead open(String bucket, String key, String versionId) throws IOException {
    return open(bucket, key, versionId, KeyResolver.NONE);
  }

  /**
   * {@link #open(String, String, String)}, decrypting the version with the key {@code keys}
   * supplies for it when it is stored encrypted. The default (engines without versions or
   * encryption at rest) opens the current object and ignores {@code keys}. INVALID_ARGUMENT for
   * an encrypted object without a key; whatever {@code keys} throws.
   */
  default ObjectRead open(String bucket, String key, String versionId, KeyResolver keys)
      throws IOException {
    if (current(versionId)) return open(bucket, key);
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
  }

  /**
   * Deletes as S3 does. Without {@code versionId}: unversioned buckets remove the object;
   * enabled buckets add a delete marker; suspended buckets replace the null version with a
   * delete marker. With {@code versionId}: removes exactly that version (a missing one is not
   * an error); if it was the newest, the next newer non-marker version becomes current.
   * {@code guard} (may be null) runs under the key's lock with the version about to be removed
   * (not called when nothing is removed) and may throw to refuse. NO_SUCH_BUCKET.
   */
  default DeleteResult delete(String bucket, String key, String versionId,
      java.util.function.Consumer<ObjectInfo> guard) throws IOException {
    if (!current(versionId)) {
      throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
    }
    if (guard != null) head(bucket, key).ifPresent(guard);
    deleteObject(bucket, key);
    return DeleteResult.PLAIN;
  }

  /**
   * The tag set of one version. NO_SUCH_VERSION; DELETE_MARKER when the id names a delete
   * marker ({@link StoreException#deleteMarker()} set).
   */
  default java.util.Map<String, String> objectTagging(String bucket, String key, String versionId)
      throws IOException {
    if (current(versionId)) return objectTagging(bucket, key);
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
  }

  /** {@link #copyObject(String, String, PutObjectRequest)} from one version of the source. */
  default ObjectInfo copyObject(String srcBucket, String srcKey, String srcVersionId,
      PutObjectRequest target) throws IOException {
    return copyObject(srcBucket, srcKey, srcVersionId, KeyResolver.NONE, target);
  }

  /**
   * {@link #copyObject(String, String, String, PutObjectRequest)} of a source that may be
   * encrypted: {@code srcKeys} supplies its key. The default (engines without versions or
   * encryption) refuses both with NOT_IMPLEMENTED.
   */
  default ObjectInfo copyObject(String srcBucket, String srcKey, String srcVersionId,
      KeyResolver srcKeys, PutObjectRequest target) throws IOException {
    if (target.encryption() != null) {
      throw new StoreException(StoreError.NOT_IMPLEMENTED, "encryption at rest is not supported");
    }
    if (current(srcVersionId)) return copyObject(srcBucket, srcKey, target);
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
  }

  /** {@link #uploadPartCopy} from one version of the source. */
  default PartInfo uploadPartCopy(PartUploadRequest request, String srcBucket, String srcKey,
      String srcVersionId, ByteRange range) throws IOException {
    return uploadPartCopy(request, srcBucket, srcKey, srcVersionId, range, KeyResolver.NONE);
  }

  /**
   * {@link #uploadPartCopy} from one version of a source that may be encrypted ({@code srcKeys}
   * supplies its key). The default (engines without versions or encryption) refuses both.
   */
  default PartInfo uploadPartCopy(PartUploadRequest request, String srcBucket, String srcKey,
      String srcVersionId, ByteRange range, KeyResolver srcKeys) throws IOException {
    if (request.encryption() != null) {
      throw new StoreException(StoreError.NOT_IMPLEMENTED, "encryption at rest is not supported");
    }
    if (current(srcVersionId)) return uploadPartCopy(request, srcBucket, srcKey, range);
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
  }

  /**
   * {@link #updateMetadata(String, String, java.util.function.UnaryOperator)} of one version
   * (a delete marker has no metadata: DELETE_MARKER). NO_SUCH_VERSION.
   */
  default ObjectInfo updateMetadata(String bucket, String key, String versionId,
      java.util.function.UnaryOperator<ObjectMetadata> change) throws IOException {
    if (current(versionId)) return updateMetadata(bucket, key, change);
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
  }

  /**
   * One page of versions and delete markers. Unversioned buckets list each object once as its
   * null version. NO_SUCH_BUCKET; NOT_IMPLEMENTED for engines without versioning.
   */
  default VersionsPage listVersions(String bucket, VersionsQuery query) throws IOException {
    throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
  }

  /** One page of current objects. NO_SUCH_BUCKET. */
  ListPage list(String bucket, ListQuery query) throws IOException;

  // ---- multipart ----

  /**
   * Starts a multipart upload. {@code checksumAlgorithm} may be null; {@code checksumType}
   * null means COMPOSITE when an algorithm is set. NO_SUCH_BUCKET.
   */
  UploadInfo createUpload(
      String bucket,
      String key,
      ObjectMetadata metadata,
      ChecksumAlgorithm checksumAlgorithm,
      Checksum.Type checksumType)
      throws IOException;

  /**
   * Stores (or replaces) one part, computing its MD5 and the upload's checksum algorithm.
   * NO_SUCH_UPLOAD, BAD_DIGEST.
   */
  PartInfo uploadPart(PartUploadRequest request, InputStream body) throws IOException;

  /** Stores a part copied from {@code range} (null: all) of an existing object. */
  PartInfo uploadPartCopy(
      PartUploadRequest request, String srcBucket, String srcKey, ByteRange range)
      throws IOException;


  /**
   * Completes an upload: the object becomes the named parts, without copying bytes.
   * NO_SUCH_UPLOAD, INVALID_PART, INVALID_PART_ORDER, ENTITY_TOO_SMALL. The ETag is
   * {@code hex(md5(concat(binary part md5s)))-N}.
   */
  default ObjectInfo completeUpload(
      String bucket, String key, String uploadId, List<CompletedPart> parts) throws IOException {
    return completeUpload(bucket, key, uploadId, parts, WriteCondition.NONE);
  }

  /**
   * {@link #completeUpload(String, String, String, List)} with a precondition (not null;
   * {@link WriteCondition#NONE} for none) checked atomically with the commit
   * (PRECONDITION_FAILED, NO_SUCH_KEY, CONDITIONAL_CONFLICT).
   */
  ObjectInfo completeUpload(
      String bucket, String key, String uploadId, List<CompletedPart> parts,
      WriteCondition condition) throws IOException;

  /**
   * The version a multipart upload that already completed produced, while the engine remembers
   * it (the local engine: as long as that version exists and is among the key's 16 newest), so
   * a retried CompleteMultipartUpload can answer the same result; empty when it does not (the
   * default: engines that keep no such record). NO_SUCH_BUCKET.
   */
  default Optional<ObjectInfo> completedUpload(String bucket, String key, String uploadId)
      throws IOException {
    return Optional.empty();
  }

  /** Aborts an upload and frees its parts. NO_SUCH_UPLOAD. */
  void abortUpload(String bucket, String key, String uploadId) throws IOException;

  /** The upload's info, or empty if it does not exist (for that bucket and key). */
  Optional<UploadInfo> upload(String bucket, String key, String uploadId) throws IOException;

  /** Parts with number greater than {@code partNumberMarker}, at most {@code maxParts}. */
  PartsPage listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts)
      throws IOException;

  /** Open uploads. NO_SUCH_BUCKET. */
  UploadsPage listUploads(String bucket, UploadsQuery query) throws IOException;

  // ---- operations ----

  /** A short name of the engine for logs, metrics and the management API, e.g. "local". */
  default String engineName() {
    return getClass().getSimpleName();
  }

  /**
   * Readiness probe: returns normally when the engine can serve requests, otherwise throws an
   * {@link IOException} whose message names what is wrong (data directory not writable, disk
   * full, upstream unreachable). Cheap enough to call every few seconds.
   */
  default void probe() throws IOException {}

  /**
   * Object counts and bytes per bucket plus volume capacity, or empty when the engine cannot
   * tell. Cheap (kept up to date as objects change, never a scan per call); safe to call on
   * every metrics scrape.
   */
  default java.util.Optional<StoreUsage> usage() throws IOException {
    return java.util.Optional.empty();
  }

  /**
   * The cluster this engine is a node of, or empty for single-node engines (local, gateway).
   * The HTTP front uses it to forward writes to the leader and to fence reads.
   */
  default Optional<ClusterView> cluster() {
    return Optional.empty();
  }

  /** Flushes and releases everything; the store is unusable afterwards. */
  @Override
  void close() throws IOException;
}
