package dev.dfs.store.gateway;

import dev.dfs.store.ByteRange;
import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PartsPage;
import dev.dfs.store.StoreError;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Multipart uploads on the upstream: each DFS upload is one upstream multipart upload with the same
 * id, and each part streams straight into the upstream's UploadPart. The upstream has no "describe
 * upload" call, so {@link #upload} asks ListParts for one part; the settings of uploads started
 * through this gateway (checksum algorithm and type) are also kept in a bounded cache so UploadPart
 * needs no extra round trip. Thread-safe.
 */
final class GatewayMultipart {
  private static final int CACHE_LIMIT = 10_000;

  private final S3Client client;
  private final BucketNames names;
  private final java.time.Clock clock;
  private final Map<String, UploadInfo> uploads = new ConcurrentHashMap<>();

  GatewayMultipart(S3Client client, BucketNames names, java.time.Clock clock) {
    this.client = client;
    this.names = names;
    this.clock = clock;
  }

  UploadInfo create(
      String bucket,
      String key,
      ObjectMetadata metadata,
      @Nullable ChecksumAlgorithm algorithm,
      Checksum.@Nullable Type type)
      throws IOException {
    Checksum.Type effective =
        algorithm == null ? null : type != null ? type : Checksum.Type.COMPOSITE;
    CreateMultipartUploadRequest.Builder req =
        SdkMapping.apply(CreateMultipartUploadRequest.builder(), metadata)
            .bucket(names.upstream(bucket))
            .key(key)
            .checksumAlgorithm(SdkMapping.toSdk(algorithm));
    if (type != null) req.checksumType(SdkMapping.toSdk(type));
    var r =
        UpstreamErrors.call(
            StoreError.NO_SUCH_BUCKET, () -> client.createMultipartUpload(req.build()));
    UploadInfo info =
        new UploadInfo(bucket, key, r.uploadId(), clock.instant(), metadata, algorithm, effective);
    remember(info);
    return info;
  }

  PartInfo uploadPart(PartUploadRequest request, InputStream body) throws IOException {
    UploadInfo upload =
        upload(request.bucket(), request.key(), request.uploadId())
            .orElseThrow(() -> new dev.dfs.store.StoreException(StoreError.NO_SUCH_UPLOAD, null));
    ChecksumAlgorithm algorithm = upload.checksumAlgorithm();
    UpstreamBody part =
        new UpstreamBody(body, request.size(), algorithm, request.expectedChecksum());
    part.finishIfEmpty();
    var req =
        software.amazon.awssdk.services.s3.model.UploadPartRequest.builder()
            .bucket(names.upstream(request.bucket()))
            .key(request.key())
            .uploadId(request.uploadId())
            .partNumber(request.partNumber())
            .contentLength(request.size())
            .contentMD5(SdkMapping.contentMd5(request.expectedMd5()))
            .checksumAlgorithm(SdkMapping.toSdk(algorithm))
            .build();
    var r = GatewayStore.sendPart(part, () -> client.uploadPart(req, part.requestBody(null)));
    Checksum checksum =
        SdkMapping.checksum(
            r.checksumCRC32(),
            r.checksumCRC32C(),
            r.checksumCRC64NVME(),
            r.checksumSHA1(),
            r.checksumSHA256(),
            null);
    String computed = part.computedChecksum(); // null when the upload has no algorithm
    if (checksum == null && algorithm != null && computed != null) {
      checksum = new Checksum(algorithm, computed, Checksum.Type.FULL_OBJECT);
    }
    return new PartInfo(
        request.partNumber(), request.size(), SdkMapping.etag(r.eTag()), clock.instant(), checksum);
  }

  PartInfo uploadPartCopy(
      PartUploadRequest request, String srcBucket, String srcKey, @Nullable ByteRange range)
      throws IOException {
    var req =
        software.amazon.awssdk.services.s3.model.UploadPartCopyRequest.builder()
            .sourceBucket(names.upstream(srcBucket))
            .sourceKey(srcKey)
            .destinationBucket(names.upstream(request.bucket()))
            .destinationKey(request.key())
            .uploadId(request.uploadId())
            .partNumber(request.partNumber());
    if (range != null) req.copySourceRange("bytes=" + range.first() + "-" + range.last());
    var r = UpstreamErrors.call(StoreError.NO_SUCH_KEY, () -> client.uploadPartCopy(req.build()));
    var c = r.copyPartResult();
    Checksum checksum =
        SdkMapping.checksum(
            c.checksumCRC32(),
            c.checksumCRC32C(),
            c.checksumCRC64NVME(),
            c.checksumSHA1(),
            c.checksumSHA256(),
            null);
    return new PartInfo(
        request.partNumber(),
        request.size(),
        SdkMapping.etag(c.eTag()),
        c.lastModified() == null ? clock.instant() : c.lastModified(),
        checksum);
  }

  /** Completes the upload upstream; a non-empty {@code condition} goes along as If-(None-)Match. */
  ObjectInfo complete(
      String bucket,
      String key,
      String uploadId,
      List<CompletedPart> parts,
      dev.dfs.store.WriteCondition condition)
      throws IOException {
    UploadInfo upload =
        upload(bucket, key, uploadId)
            .orElseThrow(() -> new dev.dfs.store.StoreException(StoreError.NO_SUCH_UPLOAD, null));
    ChecksumAlgorithm a = upload.checksumAlgorithm();
    List<software.amazon.awssdk.services.s3.model.CompletedPart> sdkParts = new ArrayList<>();
    for (CompletedPart p : parts) sdkParts.add(sdkPart(p, a));
    var r =
        UpstreamErrors.call(
            StoreError.NO_SUCH_UPLOAD,
            () ->
                client.completeMultipartUpload(
                    c ->
                        c.bucket(names.upstream(bucket))
                            .key(key)
                            .uploadId(uploadId)
                            .ifNoneMatch(SdkMapping.ifNoneMatch(condition))
                            .ifMatch(SdkMapping.ifMatch(condition))
                            .multipartUpload(
                                CompletedMultipartUpload.builder().parts(sdkParts).build())));
    uploads.remove(uploadId);
    Checksum checksum =
        SdkMapping.checksum(
            r.checksumCRC32(),
            r.checksumCRC32C(),
            r.checksumCRC64NVME(),
            r.checksumSHA1(),
            r.checksumSHA256(),
            r.checksumTypeAsString());
    return new ObjectInfo(
        bucket,
        key,
        -1,
        SdkMapping.etag(r.eTag()),
        clock.instant(),
        upload.metadata(),
        checksum,
        List.of(),
        null);
  }

  /** A completed part as the SDK sends it, with its checksum when the upload has an algorithm. */
  private static software.amazon.awssdk.services.s3.model.CompletedPart sdkPart(
      CompletedPart p, @Nullable ChecksumAlgorithm a) {
    var b =
        software.amazon.awssdk.services.s3.model.CompletedPart.builder()
            .partNumber(p.partNumber())
            .eTag(SdkMapping.quote(p.etag()));
    if (a != null && p.checksum() != null) {
      switch (a) {
        case CRC32 -> b.checksumCRC32(p.checksum());
        case CRC32C -> b.checksumCRC32C(p.checksum());
        case CRC64NVME -> b.checksumCRC64NVME(p.checksum());
        case SHA1 -> b.checksumSHA1(p.checksum());
        case SHA256 -> b.checksumSHA256(p.checksum());
      }
    }
    return b.build();
  }

  void abort(String bucket, String key, String uploadId) throws IOException {
    UpstreamErrors.call(
        StoreError.NO_SUCH_UPLOAD,
        () ->
            client.abortMultipartUpload(
                b -> b.bucket(names.upstream(bucket)).key(key).uploadId(uploadId)));
    uploads.remove(uploadId);
  }

  Optional<UploadInfo> upload(String bucket, String key, String uploadId) throws IOException {
    UploadInfo cached = uploads.get(uploadId);
    if (cached != null && cached.bucket().equals(bucket) && cached.key().equals(key)) {
      return Optional.of(cached);
    }
    if (uploadId == null || uploadId.isEmpty()) return Optional.empty();
    ListPartsResponse r;
    try {
      r =
          client.listParts(
              b -> b.bucket(names.upstream(bucket)).key(key).uploadId(uploadId).maxParts(1));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if ("NoSuchUpload".equals(code) || e.statusCode() == 404 && !"NoSuchBucket".equals(code)) {
        return Optional.empty();
      }
      throw UpstreamErrors.asIOException(e);
    } catch (SdkException e) {
      throw UpstreamErrors.asIOException(e);
    }
    UploadInfo info = fromListParts(bucket, key, uploadId, r);
    remember(info);
    return Optional.of(info);
  }

  private static UploadInfo fromListParts(
      String bucket, String key, String uploadId, ListPartsResponse r) {
    ChecksumAlgorithm a = SdkMapping.fromSdk(r.checksumAlgorithmAsString());
    Checksum.Type type =
        a == null
            ? null
            : "FULL_OBJECT".equals(r.checksumTypeAsString())
                ? Checksum.Type.FULL_OBJECT
                : "COMPOSITE".equals(r.checksumTypeAsString())
                    ? Checksum.Type.COMPOSITE
                    : a == ChecksumAlgorithm.CRC64NVME
                        ? Checksum.Type.FULL_OBJECT
                        : Checksum.Type.COMPOSITE;
    ObjectMetadata m =
        new ObjectMetadata(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            SdkMapping.storageClass(r.storageClassAsString()));
    return new UploadInfo(bucket, key, uploadId, Instant.EPOCH, m, a, type);
  }

  PartsPage listParts(String bucket, String key, String uploadId, int marker, int maxParts)
      throws IOException {
    ListPartsResponse r =
        UpstreamErrors.call(
            StoreError.NO_SUCH_UPLOAD,
            () ->
                client.listParts(
                    b ->
                        b.bucket(names.upstream(bucket))
                            .key(key)
                            .uploadId(uploadId)
                            .partNumberMarker(marker == 0 ? null : marker)
                            .maxParts(maxParts)));
    UploadInfo upload =
        upload(bucket, key, uploadId).orElseGet(() -> fromListParts(bucket, key, uploadId, r));
    List<PartInfo> parts = new ArrayList<>();
    for (Part p : r.parts()) {
      Checksum checksum =
          SdkMapping.checksum(
              p.checksumCRC32(),
              p.checksumCRC32C(),
              p.checksumCRC64NVME(),
              p.checksumSHA1(),
              p.checksumSHA256(),
              null);
      parts.add(
          new PartInfo(
              p.partNumber(),
              p.size() == null ? 0 : p.size(),
              SdkMapping.etag(p.eTag()),
              p.lastModified(),
              checksum));
    }
    boolean truncated = Boolean.TRUE.equals(r.isTruncated());
    int next = r.nextPartNumberMarker() == null ? 0 : r.nextPartNumberMarker();
    return new PartsPage(upload, parts, truncated, next);
  }

  UploadsPage listUploads(String bucket, UploadsQuery q) throws IOException {
    if (q.maxUploads() == 0) return new UploadsPage(List.of(), List.of(), false, null, null);
    var r =
        UpstreamErrors.call(
            StoreError.NO_SUCH_BUCKET,
            () ->
                client.listMultipartUploads(
                    b ->
                        b.bucket(names.upstream(bucket))
                            .prefix(q.prefix() == null || q.prefix().isEmpty() ? null : q.prefix())
                            .delimiter(q.delimiter())
                            .keyMarker(q.keyMarker())
                            .uploadIdMarker(q.uploadIdMarker())
                            .maxUploads(q.maxUploads())));
    List<UploadInfo> out = new ArrayList<>();
    for (MultipartUpload u : r.uploads()) {
      ChecksumAlgorithm a = SdkMapping.fromSdk(u.checksumAlgorithmAsString());
      ObjectMetadata m =
          new ObjectMetadata(
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              SdkMapping.storageClass(u.storageClassAsString()));
      out.add(
          new UploadInfo(
              bucket,
              u.key(),
              u.uploadId(),
              u.initiated(),
              m,
              a,
              a == null ? null : SdkMapping.typeFromSdk(u.checksumTypeAsString(), null)));
    }
    List<String> prefixes = r.commonPrefixes().stream().map(p -> p.prefix()).toList();
    boolean truncated = Boolean.TRUE.equals(r.isTruncated());
    return new UploadsPage(
        out,
        prefixes,
        truncated,
        truncated ? r.nextKeyMarker() : null,
        truncated ? r.nextUploadIdMarker() : null);
  }

  private void remember(UploadInfo info) {
    if (uploads.size() >= CACHE_LIMIT) uploads.clear();
    uploads.put(info.uploadId(), info);
  }
}
