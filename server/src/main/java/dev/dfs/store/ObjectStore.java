package dev.dfs.store;

import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The storage engine contract every engine (local, gateway, cluster) fulfils. It knows nothing of
 * HTTP, signatures or XML.
 *
 * <p><b>Shape:</b> one method per operation, each taking an immutable request record where an
 * operation has options ({@link ObjectRef}, {@link ReadRequest}, {@link CopyRequest}, {@link
 * PartCopyRequest}, {@link PutObjectRequest}, {@link PartUploadRequest}). What only some engines
 * can do is a capability view the engine may offer, as Caffeine's {@code Policy} exposes optional
 * features: {@link #versioning()}, {@link #bucketConfig(String)}, {@link #metadataUpdates()},
 * {@link #usage()}, {@link #cluster()}, {@link #tiering()} and {@link #supportsEncryption()}. The
 * protocol layer asks for a capability before it uses one and answers NotImplemented itself when it
 * is missing; no method of this interface exists only to refuse.
 *
 * <p><b>Versions:</b> a null version id always means the current object. An engine that does not
 * offer {@link Versioning} holds one version per key, the null version: it accepts a null id or
 * {@link VersionIds#NULL} and refuses any other with NOT_IMPLEMENTED (the protocol layer never
 * sends one, see {@link ObjectRef#requireCurrentOrNull()}).
 *
 * <p><b>Thread-safety:</b> implementations are safe for concurrent use by any number of threads.
 * <b>Atomicity:</b> a write becomes visible all at once when its method returns; a failed or
 * interrupted write leaves nothing visible. Concurrent writes to one key: the last to commit wins.
 * <b>Durability:</b> when a write method returns, its data and metadata survive a crash of the
 * process or machine.
 *
 * <p><b>Body streams:</b> methods taking an {@link InputStream} read it to its end (or {@code size}
 * bytes) and never close it. If reading throws an {@link IOException} (for example a {@link
 * dev.dfs.util.BodyException} raised by a verifying stream) nothing is committed and the exception
 * is rethrown unchanged. Whole bodies are never held in memory.
 *
 * <p><b>Errors:</b> refusals are {@link StoreException}s naming a {@link StoreError}; {@link
 * IOException} means the machine failed (disk, corruption).
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
   * buckets do) and removing its configuration documents. NO_SUCH_BUCKET; BUCKET_NOT_EMPTY if it
   * holds objects, versions or delete markers.
   */
  void deleteBucket(String name) throws IOException;

  // ---- objects ----

  /**
   * Stores an object, replacing any current one. Computes the MD5 (ETag) and, when asked, the
   * additional checksum in the same pass as writing; checks {@code expectedMd5} and {@code
   * expectedChecksum} after the body ended and before committing (BAD_DIGEST), and the request's
   * {@link WriteCondition} atomically with the commit (PRECONDITION_FAILED, NO_SUCH_KEY,
   * CONDITIONAL_CONFLICT). NOT_IMPLEMENTED for an encrypted write to an engine that does not {@link
   * #supportsEncryption()}. NO_SUCH_BUCKET.
   */
  ObjectInfo putObject(PutObjectRequest request, InputStream body) throws IOException;

  /**
   * One version's info ({@link ObjectInfo#deleteMarker()} set for a delete marker), or empty when
   * the version id is null and the key has no current object (its newest version may be a delete
   * marker). NO_SUCH_BUCKET; NO_SUCH_VERSION for an unknown id.
   */
  Optional<ObjectInfo> head(ObjectRef object) throws IOException;

  /**
   * Opens one version for reading, decrypting it with the key {@code request.keys()} supplies when
   * it is stored encrypted. NO_SUCH_BUCKET; NO_SUCH_KEY when the version id is null and there is no
   * current object ({@link StoreException#deleteMarker()} set when the newest version is a delete
   * marker); NO_SUCH_VERSION; DELETE_MARKER when the id names one; INVALID_ARGUMENT for an
   * encrypted object without a key; whatever the resolver throws.
   */
  ObjectRead open(ReadRequest request) throws IOException;

  /**
   * True when the engine honours {@link DataEncryption} on writes and {@link KeyResolver}s on
   * reads; otherwise it refuses encrypted writes with NOT_IMPLEMENTED and the protocol layer
   * answers SSE requests with NotImplemented before they reach it.
   */
  default boolean supportsEncryption() {
    return false;
  }

  /**
   * Deletes as S3 does. Without a version id: unversioned buckets remove the object (a missing key
   * is not an error); enabled buckets add a delete marker; suspended buckets replace the null
   * version with a delete marker. With a version id: removes exactly that version (a missing one is
   * not an error); if it was the newest, the next newer non-marker version becomes current. {@code
   * guard} (may be null) runs under the key's lock with the version about to be removed (not called
   * when nothing is removed) and may throw to refuse. NO_SUCH_BUCKET.
   */
  DeleteResult delete(ObjectRef object, @Nullable Consumer<ObjectInfo> guard) throws IOException;

  /**
   * Deletes the current object only if it is still the one the caller saw: same ETag and same
   * Last-Modified (to the millisecond). Returns whether it was deleted; false when the key is gone
   * or holds a newer write. For background deletions (lifecycle expiry) that must never remove an
   * object rewritten after they looked. The default checks with {@link #head} and then deletes,
   * which leaves a short window in which a concurrent overwrite is lost; engines that can check
   * atomically with the delete override it. NO_SUCH_BUCKET.
   */
  default boolean deleteObjectIfUnchanged(
      String bucket, String key, String etag, Instant lastModified) throws IOException {
    Optional<ObjectInfo> current = head(ObjectRef.current(bucket, key));
    if (current.isEmpty()
        || !current.get().etag().equals(etag)
        || current.get().lastModified().toEpochMilli() != lastModified.toEpochMilli()) {
      return false;
    }
    delete(ObjectRef.current(bucket, key), null);
    return true;
  }

  /**
   * Copies the whole of {@code request.source()} (one version, decrypted with its resolver) to
   * {@code request.target()}. The copy may share stored data with the source. NO_SUCH_BUCKET,
   * NO_SUCH_KEY, NO_SUCH_VERSION, and the target's condition as {@link #putObject} checks it.
   */
  ObjectInfo copyObject(CopyRequest request) throws IOException;

  /**
   * The tag set of one version (empty map: none). NO_SUCH_BUCKET, NO_SUCH_KEY; NO_SUCH_VERSION;
   * DELETE_MARKER when the id names a delete marker ({@link StoreException#deleteMarker()} set).
   */
  Map<String, String> objectTagging(ObjectRef object) throws IOException;

  /**
   * Replaces the tag set of the current object (empty map: removes all tags) without touching its
   * data, ETag or Last-Modified. Returns the updated info. NO_SUCH_BUCKET, NO_SUCH_KEY.
   */
  ObjectInfo putObjectTagging(String bucket, String key, Map<String, String> tags)
      throws IOException;

  /** One page of current objects. NO_SUCH_BUCKET. */
  ListPage list(String bucket, ListQuery query) throws IOException;

  // ---- multipart ----

  /**
   * Starts a multipart upload. {@code checksumAlgorithm} may be null; {@code checksumType} null
   * means COMPOSITE when an algorithm is set. NO_SUCH_BUCKET.
   */
  UploadInfo createUpload(
      String bucket,
      String key,
      ObjectMetadata metadata,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      Checksum.@Nullable Type checksumType)
      throws IOException;

  /**
   * Stores (or replaces) one part, computing its MD5 and the upload's checksum algorithm.
   * NO_SUCH_UPLOAD, BAD_DIGEST.
   */
  PartInfo uploadPart(PartUploadRequest request, InputStream body) throws IOException;

  /**
   * Stores a part copied from {@code request.range()} (null: all) of one version of an existing
   * object, decrypted with the source's resolver. NO_SUCH_UPLOAD, NO_SUCH_KEY, NO_SUCH_VERSION.
   */
  PartInfo uploadPartCopy(PartCopyRequest request) throws IOException;

  /**
   * Completes an upload: the object becomes the named parts, without copying bytes, if {@code
   * condition} (not null; {@link WriteCondition#NONE} for none) holds atomically with the commit
   * (PRECONDITION_FAILED, NO_SUCH_KEY, CONDITIONAL_CONFLICT). NO_SUCH_UPLOAD, INVALID_PART,
   * INVALID_PART_ORDER, ENTITY_TOO_SMALL. The ETag is {@code hex(md5(concat(binary part md5s)))-N}.
   */
  ObjectInfo completeUpload(
      String bucket,
      String key,
      String uploadId,
      List<CompletedPart> parts,
      WriteCondition condition)
      throws IOException;

  /**
   * The version a multipart upload that already completed produced, while the engine remembers it
   * (the local engine: as long as that version exists and is among the key's 16 newest), so a
   * retried CompleteMultipartUpload can answer the same result; empty when it does not (the
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
  PartsPage listParts(
      String bucket, String key, String uploadId, int partNumberMarker, int maxParts)
      throws IOException;

  /** Open uploads. NO_SUCH_BUCKET. */
  UploadsPage listUploads(String bucket, UploadsQuery query) throws IOException;

  // ---- optional capabilities: empty when the engine does not offer them ----

  /** Per-bucket versioning and version listings, if the engine keeps versions. */
  default Optional<Versioning> versioning() {
    return Optional.empty();
  }

  /**
   * The bucket configuration documents named {@code name} (e.g. {@code cors}, {@code policy}), if
   * the engine keeps that kind. An engine may keep some kinds and not others.
   */
  default Optional<BucketConfig> bucketConfig(String name) {
    return Optional.empty();
  }

  /**
   * The documents of {@code bucket} among the kinds {@code names} that it has, by name, read
   * together: what a request consults about its bucket costs one lookup where the engine keeps a
   * bucket's documents together (the local engine: one cached map per bucket), and one per kind the
   * engine keeps otherwise (the default: each {@link #bucketConfig} asked in turn). A kind the
   * engine keeps none of is absent, as {@link BucketConfig#find} treats it. NO_SUCH_BUCKET when the
   * engine keeps one of the kinds and the bucket does not exist.
   */
  default Map<String, String> bucketDocuments(String bucket, java.util.Collection<String> names)
      throws IOException {
    Map<String, String> found = new java.util.HashMap<>();
    for (String name : names) {
      Optional<String> document = BucketConfig.find(this, bucket, name);
      if (document.isPresent()) found.put(name, document.get());
    }
    return found;
  }

  /** In-place rewrites of an object's metadata, if the engine can store it separately. */
  default Optional<MetadataUpdates> metadataUpdates() {
    return Optional.empty();
  }

  /** Storage tiers and the versions kept in them, if the engine has them. */
  default Optional<Tiering> tiering() {
    return Optional.empty();
  }

  // ---- operations ----

  /** A short name of the engine for logs, metrics and the management API, e.g. "local". */
  default String engineName() {
    return getClass().getSimpleName();
  }

  /**
   * Readiness probe: returns normally when the engine can serve requests, otherwise throws an
   * {@link IOException} whose message names what is wrong (data directory not writable, disk full,
   * upstream unreachable). Cheap enough to call every few seconds.
   */
  default void probe() throws IOException {}

  /**
   * Object counts and bytes per bucket plus volume capacity, or empty when the engine cannot tell.
   * Cheap (kept up to date as objects change, never a scan per call); safe to call on every metrics
   * scrape.
   */
  default java.util.Optional<StoreUsage> usage() throws IOException {
    return java.util.Optional.empty();
  }

  /**
   * The cluster this engine is a node of, or empty for single-node engines (local, gateway). The
   * HTTP front uses it to forward writes to the leader and to fence reads.
   */
  default Optional<ClusterView> cluster() {
    return Optional.empty();
  }

  /**
   * The engine's own background workers (a local store's orphan sweep, a cluster's repair and
   * scrub), whose liveness readiness checks; none by default.
   */
  default java.util.List<dev.dfs.util.Heartbeat> workers() {
    return java.util.List.of();
  }

  /** Flushes and releases everything; the store is unusable afterwards. */
  @Override
  void close() throws IOException;
}
