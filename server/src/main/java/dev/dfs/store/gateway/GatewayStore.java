package dev.dfs.store.gateway;

import dev.dfs.store.BucketConfig;
import dev.dfs.store.BucketInfo;
import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.CopyRequest;
import dev.dfs.store.DeleteResult;
import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
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
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.store.WriteCondition;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * The gateway engine ({@code STORAGE_ENV=aws}): every operation goes to an upstream S3 endpoint
 * (AWS S3 or any S3-compatible server) through the AWS SDK for Java v2, with the upstream's
 * credentials, which clients never see or use. Bodies stream both ways: a PUT or UploadPart hands
 * the client's stream to the upstream as it arrives (see {@link UpstreamBody}), a GET hands the
 * upstream's response stream to the client; no object is held in memory or spooled to disk. Copies
 * (CopyObject, UploadPartCopy) happen on the upstream. Upstream refusals map onto the same {@link
 * StoreError}s the local engine gives ({@link UpstreamErrors}); what the upstream does not
 * implement is NOT_IMPLEMENTED.
 *
 * <p>Differences from the local engine's contract, forced by going through S3:
 *
 * <ul>
 *   <li>Durability and atomicity are the upstream's.
 *   <li>{@link #open} HEADs, then {@link ObjectRead#stream} GETs with If-Match on that ETag: an
 *       object overwritten in between fails the read cleanly (see {@link GatewayObjectRead}).
 *   <li>{@link ObjectInfo#partSizes()} of a multipart object is derived from one {@code HEAD
 *       ?partNumber=1}, assuming every part but the last has that size (what every SDK and CLI
 *       does); if the upstream's answer contradicts that, no part sizes are given.
 *   <li>Write methods return an ObjectInfo with what the upstream answered: size is -1 after copy
 *       and complete (the callers need only ETag, time and checksum).
 *   <li>{@link BucketInfo#created()} is the epoch for {@link #bucket}, since HEAD Bucket does not
 *       tell; {@link #listBuckets} gives the real dates.
 *   <li>Object tags go upstream with PutObject, CopyObject (tagging directive REPLACE with the tags
 *       the caller resolved) and CreateMultipartUpload, and are read with {@link #objectTagging}
 *       (GetObjectTagging): {@link #head} returns no tags, so GET carries no {@code
 *       x-amz-tagging-count}.
 *   <li>Conditional writes ({@code If-None-Match: *}, {@code If-Match}) on PutObject and
 *       CompleteMultipartUpload are checked by the upstream, as atomically as it checks them; an
 *       upstream that silently ignored the headers would make them no-ops, which the gateway cannot
 *       detect.
 *   <li>The only bucket configuration documents it offers ({@link #bucketConfig(String)}) are
 *       {@code cors} and {@code tagging}, kept as the upstream bucket's CORS rules and tag set;
 *       each read is an upstream round trip. It offers no {@link #versioning()} and no {@link
 *       #metadataUpdates()}.
 * </ul>
 *
 * <p>Thread-safe: the SDK client is, and the engine keeps no other mutable state but a concurrent
 * cache of upload settings.
 */
public final class GatewayStore implements ObjectStore {
  private final S3Client client;
  private final GatewayOptions options;
  private final BucketNames names;
  private final GatewayLister lister;
  private final GatewayMultipart multipart;
  private final java.time.Clock clock;

  /** Set once the upstream refused a tagging directive (it keeps no tags): copies omit it. */
  private volatile boolean upstreamLacksTagging;

  private GatewayStore(S3Client client, GatewayOptions options, java.time.Clock clock) {
    this.client = client;
    this.options = options;
    this.clock = clock;
    this.names = new BucketNames(options.bucketPrefix());
    this.lister = new GatewayLister(client);
    this.multipart = new GatewayMultipart(client, names, clock);
  }

  /** Builds the upstream client; does not contact the upstream (see {@link #probe()}). */
  public static GatewayStore open(GatewayOptions options) {
    return open(options, dev.dfs.util.NodeClock.system());
  }

  /**
   * As {@link #open(GatewayOptions)}, stamping with {@code clock} (the server's) the times the
   * upstream does not give (a bucket's creation, an upload's initiation, a write's Last-Modified).
   */
  public static GatewayStore open(GatewayOptions options, java.time.Clock clock) {
    return new GatewayStore(UpstreamClients.build(options), options, clock);
  }

  public GatewayOptions options() {
    return options;
  }

  // ---- buckets ----

  @Override
  public BucketInfo createBucket(String name, String region) throws IOException {
    String upstream = names.upstream(name);
    switch (state(upstream)) {
      case OURS -> throw new StoreException(StoreError.BUCKET_ALREADY_OWNED_BY_YOU, null);
      case FOREIGN ->
          throw new StoreException(
              StoreError.BUCKET_ALREADY_EXISTS,
              "The bucket name is taken upstream by an account this gateway cannot access.");
      case MISSING -> {}
    }
    UpstreamErrors.call(
        null,
        () ->
            client.createBucket(
                b -> {
                  b.bucket(upstream);
                  if (!options.region().equals("us-east-1")) {
                    b.createBucketConfiguration(
                        c ->
                            c.locationConstraint(
                                BucketLocationConstraint.fromValue(options.region())));
                  }
                }));
    return new BucketInfo(name, clock.instant(), options.reportedRegion());
  }

  /**
   * A bucket that exists upstream but that the upstream's credentials may not access (another
   * account's) does not exist for DFS clients; CreateBucket then answers BucketAlreadyExists.
   */
  @Override
  public Optional<BucketInfo> bucket(String name) throws IOException {
    return state(names.upstream(name)) == BucketState.OURS
        ? Optional.of(new BucketInfo(name, Instant.EPOCH, options.reportedRegion()))
        : Optional.empty();
  }

  private enum BucketState {
    OURS,
    FOREIGN,
    MISSING
  }

  private BucketState state(String upstream) throws IOException {
    try {
      client.headBucket(b -> b.bucket(upstream));
      return BucketState.OURS;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return BucketState.MISSING;
      if (e.statusCode() == 403) return BucketState.FOREIGN;
      throw UpstreamErrors.asIOException(e);
    } catch (SdkException e) {
      throw UpstreamErrors.asIOException(e);
    }
  }

  @Override
  public List<BucketInfo> listBuckets() throws IOException {
    List<BucketInfo> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var r =
          UpstreamErrors.call(
              null,
              () ->
                  client.listBuckets(
                      b -> {
                        if (t != null) b.continuationToken(t);
                      }));
      for (Bucket b : r.buckets()) {
        if (names.visible(b.name())) {
          out.add(new BucketInfo(names.dfs(b.name()), b.creationDate(), options.reportedRegion()));
        }
      }
      token = r.continuationToken();
    } while (token != null && !token.isEmpty());
    out.sort(Comparator.comparing(BucketInfo::name));
    return out;
  }

  /** BUCKET_NOT_EMPTY also while multipart uploads are open, as the local engine does. */
  @Override
  public void deleteBucket(String name) throws IOException {
    String upstream = names.upstream(name);
    try {
      UpstreamErrors.call(
          StoreError.NO_SUCH_BUCKET, () -> client.deleteBucket(b -> b.bucket(upstream)));
    } catch (StoreException e) {
      // An upstream that counts incomplete uploads as content: when no object is left, abort
      // them and delete again, as ObjectStore#deleteBucket promises.
      if (e.error() != StoreError.BUCKET_NOT_EMPTY || holdsObjects(upstream)) throw e;
      abortAllUploads(upstream);
      UpstreamErrors.call(
          StoreError.NO_SUCH_BUCKET, () -> client.deleteBucket(b -> b.bucket(upstream)));
    }
  }

  private boolean holdsObjects(String upstream) throws IOException {
    return UpstreamErrors.call(
                StoreError.NO_SUCH_BUCKET,
                () -> client.listObjectsV2(b -> b.bucket(upstream).maxKeys(1)))
            .keyCount()
        > 0;
  }

  private void abortAllUploads(String upstream) throws IOException {
    var uploads =
        UpstreamErrors.call(
            StoreError.NO_SUCH_BUCKET,
            () ->
                client.listMultipartUploadsPaginator(b -> b.bucket(upstream)).uploads().stream()
                    .toList());
    for (var u : uploads) {
      UpstreamErrors.call(
          StoreError.NO_SUCH_UPLOAD,
          () ->
              client.abortMultipartUpload(
                  b -> b.bucket(upstream).key(u.key()).uploadId(u.uploadId())));
    }
  }

  /**
   * The {@code cors} document from the upstream's GetBucketCors (its rules written as a {@code
   * CORSConfiguration} document); empty when the upstream has none. Other documents:
   * NOT_IMPLEMENTED.
   */
  private Optional<String> config(String bucket, String name) throws IOException {
    String upstream = names.upstream(bucket);
    try {
      if (TaggingXml.NAME.equals(name)) {
        var r = client.getBucketTagging(b -> b.bucket(upstream));
        return r.tagSet().isEmpty() ? Optional.empty() : Optional.of(TaggingXml.write(r.tagSet()));
      }
      requireCors(name);
      var r = client.getBucketCors(b -> b.bucket(upstream));
      return r.corsRules().isEmpty() ? Optional.empty() : Optional.of(CorsXml.write(r.corsRules()));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if ("NoSuchCORSConfiguration".equals(code) || "NoSuchTagSet".equals(code)) {
        return Optional.empty();
      }
      throw mapped(e, StoreError.NO_SUCH_BUCKET);
    } catch (SdkException e) {
      throw mapped(e, null);
    }
  }

  private static @Nullable IOException mapped(SdkException e, @Nullable StoreError notFound) {
    RuntimeException m = UpstreamErrors.map(e, notFound);
    if (m instanceof java.io.UncheckedIOException u) return u.getCause();
    throw m;
  }

  /**
   * The {@code cors} document to the upstream's PutBucketCors (DeleteBucketCors for null); the
   * {@code tagging} document likewise to Put/DeleteBucketTagging.
   */
  private void putConfig(String bucket, String name, @Nullable String document) throws IOException {
    String upstream = names.upstream(bucket);
    if (TaggingXml.NAME.equals(name)) {
      if (document == null) {
        UpstreamErrors.call(
            StoreError.NO_SUCH_BUCKET, () -> client.deleteBucketTagging(b -> b.bucket(upstream)));
      } else {
        var tags = TaggingXml.parse(document);
        UpstreamErrors.call(
            StoreError.NO_SUCH_BUCKET,
            () -> client.putBucketTagging(b -> b.bucket(upstream).tagging(t -> t.tagSet(tags))));
      }
      return;
    }
    requireCors(name);
    if (document == null) {
      UpstreamErrors.call(
          StoreError.NO_SUCH_BUCKET, () -> client.deleteBucketCors(b -> b.bucket(upstream)));
      return;
    }
    var rules = CorsXml.parse(document);
    UpstreamErrors.call(
        StoreError.NO_SUCH_BUCKET,
        () ->
            client.putBucketCors(
                b -> b.bucket(upstream).corsConfiguration(c -> c.corsRules(rules))));
  }

  /** The upstream keeps {@code cors} and {@code tagging} documents of a bucket, nothing else. */
  @Override
  public Optional<BucketConfig> bucketConfig(String name) {
    if (!CorsXml.NAME.equals(name) && !TaggingXml.NAME.equals(name)) return Optional.empty();
    return Optional.of(
        BucketConfig.of(
            bucket -> config(bucket, name),
            (bucket, document) -> putConfig(bucket, name, document)));
  }

  private static void requireCors(String name) {
    if (!CorsXml.NAME.equals(name)) {
      throw new StoreException(
          StoreError.NOT_IMPLEMENTED,
          "The gateway engine keeps no bucket configuration '" + name + "'.");
    }
  }

  // ---- objects ----

  @Override
  public ObjectInfo putObject(PutObjectRequest request, InputStream body) throws IOException {
    refuseEncryption(request.encryption());
    String upstream = names.upstream(request.bucket());
    ObjectMetadata m = request.metadata();
    UpstreamBody upload =
        new UpstreamBody(
            body, request.size(), request.checksumAlgorithm(), request.expectedChecksum());
    upload.finishIfEmpty();
    software.amazon.awssdk.services.s3.model.PutObjectRequest put =
        SdkMapping.apply(software.amazon.awssdk.services.s3.model.PutObjectRequest.builder(), m)
            .bucket(upstream)
            .key(request.key())
            .contentLength(request.size())
            .contentMD5(SdkMapping.contentMd5(request.expectedMd5()))
            .checksumAlgorithm(SdkMapping.toSdk(request.checksumAlgorithm()))
            .ifNoneMatch(SdkMapping.ifNoneMatch(request.condition()))
            .ifMatch(SdkMapping.ifMatch(request.condition()))
            .build();
    PutObjectResponse r =
        send(upload, () -> client.putObject(put, upload.requestBody(m.contentType())));
    Checksum checksum =
        SdkMapping.checksum(
            r.checksumCRC32(),
            r.checksumCRC32C(),
            r.checksumCRC64NVME(),
            r.checksumSHA1(),
            r.checksumSHA256(),
            r.checksumTypeAsString());
    return new ObjectInfo(
        request.bucket(),
        request.key(),
        request.size(),
        SdkMapping.etag(r.eTag()),
        clock.instant(),
        m,
        checksum,
        List.of(),
        null);
  }

  /**
   * Runs an upload call; if the body failed (the client's stream, or a checksum mismatch), that
   * failure is rethrown as it was instead of the SDK's wrapper.
   */
  static <T> T send(UpstreamBody body, UpstreamErrors.Call<T> call) throws IOException {
    try {
      return UpstreamErrors.call(StoreError.NO_SUCH_BUCKET, call);
    } catch (IOException | RuntimeException e) {
      body.rethrowFailure();
      throw e;
    }
  }

  /** {@link #send} for a part: a 404 means the upload is gone. */
  static <T> T sendPart(UpstreamBody body, UpstreamErrors.Call<T> call) throws IOException {
    try {
      return UpstreamErrors.call(StoreError.NO_SUCH_UPLOAD, call);
    } catch (IOException | RuntimeException e) {
      body.rethrowFailure();
      throw e;
    }
  }

  /** The current object only: the gateway keeps no versions ({@link ObjectStore}). */
  @Override
  public Optional<ObjectInfo> head(ObjectRef object) throws IOException {
    object.requireCurrentOrNull();
    return headInfo(object.bucket(), object.key(), false);
  }

  private Optional<ObjectInfo> headInfo(String bucket, String key, boolean partSizes)
      throws IOException {
    String upstream = names.upstream(bucket);
    HeadObjectResponse h;
    try {
      h = client.headObject(b -> b.bucket(upstream).key(key).checksumMode(ChecksumMode.ENABLED));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) throw UpstreamErrors.asIOException(e);
      if (bucket(bucket).isEmpty()) throw new StoreException(StoreError.NO_SUCH_BUCKET, null);
      return Optional.empty();
    } catch (SdkException e) {
      throw UpstreamErrors.asIOException(e);
    }
    String etag = SdkMapping.etag(h.eTag());
    long size = h.contentLength() == null ? 0 : h.contentLength();
    List<Long> parts = partSizes ? partSizes(upstream, key, etag, size) : List.of();
    Checksum checksum =
        SdkMapping.checksum(
            h.checksumCRC32(),
            h.checksumCRC32C(),
            h.checksumCRC64NVME(),
            h.checksumSHA1(),
            h.checksumSHA256(),
            h.checksumTypeAsString());
    return Optional.of(
        new ObjectInfo(
            bucket,
            key,
            size,
            etag,
            h.lastModified(),
            SdkMapping.metadata(h),
            checksum,
            parts,
            null));
  }

  /**
   * Part sizes of a multipart object from {@code HEAD ?partNumber=1}, assuming equal parts but the
   * last; empty when the object is not multipart or the upstream's answer does not fit.
   */
  private List<Long> partSizes(String upstream, String key, String etag, long size) {
    int count = SdkMapping.partCount(etag);
    if (count < 1) return List.of();
    try {
      HeadObjectResponse p =
          client.headObject(
              b -> b.bucket(upstream).key(key).partNumber(1).ifMatch(SdkMapping.quote(etag)));
      long first = p.contentLength() == null ? -1 : p.contentLength();
      if (p.partsCount() == null || p.partsCount() != count || first <= 0) return List.of();
      long last = size - (count - 1) * first;
      if (last <= 0 || last > first) return List.of();
      List<Long> sizes = new ArrayList<>(count);
      for (int i = 1; i < count; i++) sizes.add(first);
      sizes.add(last);
      return sizes;
    } catch (SdkException e) {
      return List.of();
    }
  }

  /** The current object; the gateway stores nothing encrypted, so the resolver is unused. */
  @Override
  public ObjectRead open(ReadRequest request) throws IOException {
    request.ref().requireCurrentOrNull();
    String bucket = request.bucket();
    String key = request.key();
    ObjectInfo info =
        headInfo(bucket, key, true)
            .orElseThrow(() -> new StoreException(StoreError.NO_SUCH_KEY, null));
    return new GatewayObjectRead(client, names.upstream(bucket), info);
  }

  /**
   * Upstream DeleteObject of the current object. The guard sees the object HEAD found just before,
   * which a concurrent upstream write may replace before the delete.
   */
  @Override
  public DeleteResult delete(ObjectRef object, @Nullable Consumer<ObjectInfo> guard)
      throws IOException {
    object.requireCurrentOrNull();
    if (guard != null) head(ObjectRef.current(object.bucket(), object.key())).ifPresent(guard);
    String upstream = names.upstream(object.bucket());
    UpstreamErrors.call(
        StoreError.NO_SUCH_BUCKET,
        () -> client.deleteObject(b -> b.bucket(upstream).key(object.key())));
    return DeleteResult.PLAIN;
  }

  /** A server-side copy on the upstream (metadata directive REPLACE with the decided metadata). */
  @Override
  public ObjectInfo copyObject(CopyRequest request) throws IOException {
    PutObjectRequest target = request.target();
    if (target.encryption() != null) {
      throw new StoreException(StoreError.NOT_IMPLEMENTED, "encryption at rest is not supported");
    }
    request.source().ref().requireCurrentOrNull();
    String srcBucket = request.source().bucket();
    String srcKey = request.source().key();
    WriteCondition condition = target.condition(); // NONE when none was given
    if (condition != null && !condition.isNone()) {
      throw new StoreException(
          StoreError.NOT_IMPLEMENTED, "Conditional writes are not supported on CopyObject.");
    }
    String src = names.upstream(srcBucket);
    String dst = names.upstream(target.bucket());
    ObjectMetadata m = target.metadata();
    var copy =
        SdkMapping.apply(software.amazon.awssdk.services.s3.model.CopyObjectRequest.builder(), m)
            .sourceBucket(src)
            .sourceKey(srcKey)
            .destinationBucket(dst)
            .destinationKey(target.key())
            .metadataDirective(MetadataDirective.REPLACE)
            .checksumAlgorithm(SdkMapping.toSdk(target.checksumAlgorithm()))
            .taggingDirective(TaggingDirective.REPLACE)
            .tagging(SdkMapping.tagging(m.tags()));
    var result = copy(copy, m.tags().isEmpty()).copyObjectResult();
    Checksum checksum =
        SdkMapping.checksum(
            result.checksumCRC32(),
            result.checksumCRC32C(),
            result.checksumCRC64NVME(),
            result.checksumSHA1(),
            result.checksumSHA256(),
            result.checksumTypeAsString());
    return new ObjectInfo(
        target.bucket(),
        target.key(),
        -1,
        SdkMapping.etag(result.eTag()),
        result.lastModified() == null ? clock.instant() : result.lastModified(),
        m,
        checksum,
        List.of(),
        null);
  }

  /**
   * Sends a copy; without tags to set, leaves the tagging directive out for an upstream that
   * refuses it (once refused, always).
   */
  private CopyObjectResponse copy(
      software.amazon.awssdk.services.s3.model.CopyObjectRequest.Builder copy, boolean noTags)
      throws IOException {
    if (noTags && upstreamLacksTagging) {
      return UpstreamErrors.call(
          StoreError.NO_SUCH_KEY,
          () -> client.copyObject(copy.taggingDirective((String) null).build()));
    }
    try {
      return UpstreamErrors.call(StoreError.NO_SUCH_KEY, () -> client.copyObject(copy.build()));
    } catch (StoreException e) {
      // An upstream without tagging refuses the tagging directive itself (s3proxy does).
      // With no tags to set, the copy without it is exact: such an upstream keeps no tags.
      if (e.error() != StoreError.NOT_IMPLEMENTED || !noTags) throw e;
      CopyObjectResponse r =
          UpstreamErrors.call(
              StoreError.NO_SUCH_KEY,
              () -> client.copyObject(copy.taggingDirective((String) null).build()));
      upstreamLacksTagging = true;
      return r;
    }
  }

  /** Upstream GetObjectTagging (HEAD cannot return tags). */
  @Override
  public Map<String, String> objectTagging(ObjectRef object) throws IOException {
    object.requireCurrentOrNull();
    String bucket = object.bucket();
    String key = object.key();
    String upstream = names.upstream(bucket);
    var r =
        UpstreamErrors.call(
            StoreError.NO_SUCH_KEY,
            () -> client.getObjectTagging(b -> b.bucket(upstream).key(key)));
    return SdkMapping.tags(r.tagSet());
  }

  /**
   * Upstream PutObjectTagging, or DeleteObjectTagging for an empty map; then HEADs the object for
   * the info to return (an object deleted in between: NO_SUCH_KEY).
   */
  @Override
  public ObjectInfo putObjectTagging(String bucket, String key, Map<String, String> tags)
      throws IOException {
    String upstream = names.upstream(bucket);
    if (tags.isEmpty()) {
      UpstreamErrors.call(
          StoreError.NO_SUCH_KEY,
          () -> client.deleteObjectTagging(b -> b.bucket(upstream).key(key)));
    } else {
      List<Tag> tagSet = new ArrayList<>();
      tags.forEach((k, v) -> tagSet.add(Tag.builder().key(k).value(v).build()));
      UpstreamErrors.call(
          StoreError.NO_SUCH_KEY,
          () ->
              client.putObjectTagging(
                  b -> b.bucket(upstream).key(key).tagging(t -> t.tagSet(tagSet))));
    }
    ObjectInfo info =
        head(ObjectRef.current(bucket, key))
            .orElseThrow(() -> new StoreException(StoreError.NO_SUCH_KEY, null));
    return new ObjectInfo(
        info.bucket(),
        info.key(),
        info.size(),
        info.etag(),
        info.lastModified(),
        info.metadata().withTags(tags),
        info.checksum(),
        info.partSizes(),
        info.versionId());
  }

  @Override
  public ListPage list(String bucket, ListQuery query) throws IOException {
    return lister.list(bucket, names.upstream(bucket), query);
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
    return multipart.create(bucket, key, metadata, checksumAlgorithm, checksumType);
  }

  @Override
  public PartInfo uploadPart(PartUploadRequest request, InputStream body) throws IOException {
    refuseEncryption(request.encryption());
    return multipart.uploadPart(request, body);
  }

  @Override
  public PartInfo uploadPartCopy(PartCopyRequest request) throws IOException {
    if (request.part().encryption() != null) {
      throw new StoreException(StoreError.NOT_IMPLEMENTED, "encryption at rest is not supported");
    }
    request.source().ref().requireCurrentOrNull();
    return multipart.uploadPartCopy(
        request.part(), request.source().bucket(), request.source().key(), request.range());
  }

  /** The condition goes upstream as If-None-Match / If-Match; the upstream checks it. */
  @Override
  public ObjectInfo completeUpload(
      String bucket,
      String key,
      String uploadId,
      List<CompletedPart> parts,
      WriteCondition condition)
      throws IOException {
    return multipart.complete(bucket, key, uploadId, parts, condition);
  }

  @Override
  public void abortUpload(String bucket, String key, String uploadId) throws IOException {
    multipart.abort(bucket, key, uploadId);
  }

  @Override
  public Optional<UploadInfo> upload(String bucket, String key, String uploadId)
      throws IOException {
    return multipart.upload(bucket, key, uploadId);
  }

  @Override
  public PartsPage listParts(
      String bucket, String key, String uploadId, int partNumberMarker, int maxParts)
      throws IOException {
    return multipart.listParts(bucket, key, uploadId, partNumberMarker, maxParts);
  }

  @Override
  public UploadsPage listUploads(String bucket, UploadsQuery query) throws IOException {
    return multipart.listUploads(bucket, query);
  }

  // ---- operations ----

  @Override
  public String engineName() {
    return "gateway";
  }

  /** Lists at most one bucket upstream: proves the endpoint answers and accepts our keys. */
  @Override
  public void probe() throws IOException {
    try {
      client.listBuckets(b -> b.maxBuckets(1));
    } catch (SdkException e) {
      throw new IOException(
          "upstream S3 " + options.describeUpstream() + " is not ready: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /**
   * The gateway does not encrypt at rest (the protocol layer answers SSE requests with
   * NotImplemented before they get here; this keeps a stray key from being ignored).
   */
  private static void refuseEncryption(dev.dfs.store.@Nullable DataEncryption encryption) {
    if (encryption != null) {
      throw new StoreException(
          StoreError.NOT_IMPLEMENTED,
          "the gateway engine does not implement server-side encryption");
    }
  }
}
