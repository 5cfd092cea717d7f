package dev.dfs.store.cluster;

import dev.dfs.store.BucketConfig;
import dev.dfs.store.BucketInfo;
import dev.dfs.store.Checksum;
import dev.dfs.store.ClusterView;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.CopyRequest;
import dev.dfs.store.DeleteResult;
import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.MetadataUpdates;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PartCopyRequest;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PartsPage;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.StoreUsage;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.store.Versioning;
import dev.dfs.store.VersioningState;
import dev.dfs.store.VersionsPage;
import dev.dfs.store.VersionsQuery;
import dev.dfs.store.WriteCondition;
import dev.dfs.store.local.LocalStore;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The cluster engine as the layers above see it ({@code STORAGE_ENV=cluster}): this node's {@link
 * LocalStore}, whose metadata commits go through the Raft group and whose chunks are replicated,
 * plus the {@link ClusterView} of the cluster. Every operation is the local engine's; this class
 * adds only two things:
 *
 * <ul>
 *   <li>a write on a node that is not the admitted leader fails at once with {@link
 *       StoreError#UNAVAILABLE} (503), before any body byte is read or replicated (the HTTP front
 *       forwards writes to the leader instead of calling them here);
 *   <li>reads are served from this node's metadata as it is; a caller that needs them linearizable
 *       calls {@link ClusterView#readBarrier()} first (the HTTP front does, per request).
 * </ul>
 *
 * Closing closes the whole node ({@link ClusterNode}). Thread-safe.
 */
final class ClusterStore implements ObjectStore {
  private final LocalStore local;
  private final ClusterView view;
  private final Supplier<String> refusal;
  private final AutoCloseable node;
  private final Optional<dev.dfs.store.Tiering> tiering;

  /**
   * @param refusal why this node refuses writes now, or null when it accepts them
   */
  ClusterStore(LocalStore local, ClusterView view, Supplier<String> refusal, AutoCloseable node) {
    this.local = local;
    this.view = view;
    this.refusal = refusal;
    this.node = node;
    this.tiering = local.tiering().map(t -> new ClusterTiering(t, this::requireLeader));
  }

  /** UNAVAILABLE unless this node is the leader that admits writes now. */
  private void requireLeader() {
    String why = refusal.get();
    if (why != null) throw new StoreException(StoreError.UNAVAILABLE, why);
  }

  @Override
  public Optional<ClusterView> cluster() {
    return Optional.of(view);
  }

  @Override
  public String engineName() {
    return "cluster";
  }

  @Override
  public void probe() throws IOException {
    local.probe();
    if (!view.inQuorum())
      throw new IOException("node " + view.nodeId() + " is not part of a working quorum");
  }

  @Override
  public Optional<StoreUsage> usage() throws IOException {
    return local.usage();
  }

  @Override
  public boolean supportsEncryption() {
    return local.supportsEncryption();
  }

  // ---- buckets ----

  @Override
  public BucketInfo createBucket(String name, String region) throws IOException {
    requireLeader();
    return local.createBucket(name, region);
  }

  @Override
  public Optional<BucketInfo> bucket(String name) throws IOException {
    return local.bucket(name);
  }

  @Override
  public List<BucketInfo> listBuckets() throws IOException {
    return local.listBuckets();
  }

  @Override
  public void deleteBucket(String name) throws IOException {
    requireLeader();
    local.deleteBucket(name);
  }

  /** The local engine's documents of that kind, whose writes only the leader accepts. */
  @Override
  public Optional<BucketConfig> bucketConfig(String name) {
    return local
        .bucketConfig(name)
        .map(
            config ->
                BucketConfig.of(
                    config::get,
                    (bucket, document) -> {
                      requireLeader();
                      config.put(bucket, document);
                    }));
  }

  /** The local engine's documents: reads, linearized by the front's read barrier as all are. */
  @Override
  public Map<String, String> bucketDocuments(String bucket, java.util.Collection<String> names)
      throws IOException {
    return local.bucketDocuments(bucket, names);
  }

  /**
   * The local engine's tiering, whose commits go through Raft as all its metadata does;
   * transitions, restores and Intelligent-Tiering moves only on the leader ({@link
   * ClusterTiering}).
   */
  @Override
  public Optional<dev.dfs.store.Tiering> tiering() {
    return tiering;
  }

  /** The local engine's versioning, whose state changes only the leader accepts. */
  @Override
  public Optional<Versioning> versioning() {
    return local.versioning().map(LeaderVersioning::new);
  }

  /** The local engine's metadata rewrites, which only the leader accepts. */
  @Override
  public Optional<MetadataUpdates> metadataUpdates() {
    return local
        .metadataUpdates()
        .map(
            updates ->
                (object, change) -> {
                  requireLeader();
                  return updates.update(object, change);
                });
  }

  /** Versioning whose writes only the leader accepts; reads are this node's. */
  private final class LeaderVersioning implements Versioning {
    private final Versioning local;

    LeaderVersioning(Versioning local) {
      this.local = local;
    }

    @Override
    public VersioningState state(String bucket) throws IOException {
      return local.state(bucket);
    }

    @Override
    public void setState(String bucket, VersioningState state) throws IOException {
      requireLeader();
      local.setState(bucket, state);
    }

    @Override
    public VersionsPage listVersions(String bucket, VersionsQuery query) throws IOException {
      return local.listVersions(bucket, query);
    }
  }

  // ---- objects ----

  @Override
  public ObjectInfo putObject(PutObjectRequest request, InputStream body) throws IOException {
    requireLeader();
    return local.putObject(request, body);
  }

  @Override
  public Optional<ObjectInfo> head(ObjectRef object) throws IOException {
    return local.head(object);
  }

  @Override
  public Map<String, String> objectTagging(ObjectRef object) throws IOException {
    return local.objectTagging(object);
  }

  @Override
  public ObjectInfo putObjectTagging(String bucket, String key, Map<String, String> tags)
      throws IOException {
    requireLeader();
    return local.putObjectTagging(bucket, key, tags);
  }

  @Override
  public ObjectRead open(ReadRequest request) throws IOException {
    return local.open(request);
  }

  @Override
  public DeleteResult delete(ObjectRef object, @Nullable Consumer<ObjectInfo> guard)
      throws IOException {
    requireLeader();
    return local.delete(object, guard);
  }

  @Override
  public boolean deleteObjectIfUnchanged(
      String bucket, String key, String etag, Instant lastModified) throws IOException {
    requireLeader();
    return local.deleteObjectIfUnchanged(bucket, key, etag, lastModified);
  }

  @Override
  public ObjectInfo copyObject(CopyRequest request) throws IOException {
    requireLeader();
    return local.copyObject(request);
  }

  @Override
  public ListPage list(String bucket, ListQuery query) throws IOException {
    return local.list(bucket, query);
  }

  // ---- multipart ----

  @Override
  public UploadInfo createUpload(
      String bucket,
      String key,
      ObjectMetadata metadata,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      Checksum.@Nullable Type checksumType)
      throws IOException {
    requireLeader();
    return local.createUpload(bucket, key, metadata, checksumAlgorithm, checksumType);
  }

  @Override
  public PartInfo uploadPart(PartUploadRequest request, InputStream body) throws IOException {
    requireLeader();
    return local.uploadPart(request, body);
  }

  @Override
  public PartInfo uploadPartCopy(PartCopyRequest request) throws IOException {
    requireLeader();
    return local.uploadPartCopy(request);
  }

  @Override
  public ObjectInfo completeUpload(
      String bucket,
      String key,
      String uploadId,
      List<CompletedPart> parts,
      WriteCondition condition)
      throws IOException {
    requireLeader();
    return local.completeUpload(bucket, key, uploadId, parts, condition);
  }

  @Override
  public Optional<ObjectInfo> completedUpload(String bucket, String key, String uploadId)
      throws IOException {
    return local.completedUpload(bucket, key, uploadId);
  }

  @Override
  public void abortUpload(String bucket, String key, String uploadId) throws IOException {
    requireLeader();
    local.abortUpload(bucket, key, uploadId);
  }

  @Override
  public Optional<UploadInfo> upload(String bucket, String key, String uploadId)
      throws IOException {
    return local.upload(bucket, key, uploadId);
  }

  @Override
  public PartsPage listParts(
      String bucket, String key, String uploadId, int partNumberMarker, int maxParts)
      throws IOException {
    return local.listParts(bucket, key, uploadId, partNumberMarker, maxParts);
  }

  @Override
  public UploadsPage listUploads(String bucket, UploadsQuery query) throws IOException {
    return local.listUploads(bucket, query);
  }

  /**
   * The local engine's workers, when it runs any on this node (its own orphan sweep is off in a
   * cluster, whose sweep is the leader's). Repair and scrub do not report a heartbeat yet.
   */
  @Override
  public java.util.List<dev.dfs.util.Heartbeat> workers() {
    return local.workers();
  }

  @Override
  public void close() throws IOException {
    try {
      node.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("closing the cluster node: " + e.getMessage(), e);
    }
  }
}
