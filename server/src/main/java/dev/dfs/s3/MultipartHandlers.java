package dev.dfs.s3;

import dev.dfs.store.ByteRange;
import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PartCopyRequest;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PartsPage;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The multipart upload operations: create, upload part (and part copy), complete, abort, list parts
 * and list uploads.
 */
final class MultipartHandlers {
  /** Most parts or uploads one listing page returns. */
  static final int MAX_LIST = 1000;

  private final ObjectStore store;
  private final AclRules acls;
  private final LifecycleHandlers lifecycle;
  private final ObjectEncryption encryption;

  private final ObjectLockRules locks;
  private final BucketQuotas quotas;
  private final DefaultStorageClass defaultClass;

  /**
   * @param quotas admits parts and completions within their bucket's quota
   * @param defaultClass the storage class of uploads that name none
   */
  MultipartHandlers(
      ObjectStore store,
      AclRules acls,
      LifecycleHandlers lifecycle,
      ObjectEncryption encryption,
      BucketQuotas quotas,
      DefaultStorageClass defaultClass) {
    this.store = store;
    this.acls = acls;
    this.lifecycle = lifecycle;
    this.encryption = encryption;
    this.locks = new ObjectLockRules(store);
    this.quotas = quotas;
    this.defaultClass = defaultClass;
  }

  /** The ACL headers are applied now; the completed object carries the upload's metadata. */
  void createUpload(S3Exchange ex) throws IOException {
    ObjectMetadata requested = ObjectHeaders.fromRequest(ex.headers());
    ObjectMetadata metadata =
        locks.forWrite(ex, acls.forNewObject(ex, defaultClass.apply(ex.bucket(), requested)));
    ChecksumAlgorithm algorithm =
        WriteRules.checksumAlgorithm(ex.header("x-amz-checksum-algorithm"));
    Checksum.Type type = checksumType(algorithm, ex.header("x-amz-checksum-type"));
    ObjectEncryption.Plan plan = encryption.forWrite(ex, ex.bucket(), ex.objectKey());
    UploadInfo upload =
        store.createUpload(ex.bucket(), ex.objectKey(), plan.apply(metadata), algorithm, type);
    plan.responseHeaders().forEach(ex::setHeader);
    if (algorithm != null && type != null) { // checksumType names a type for an algorithm
      ex.setHeader("x-amz-checksum-algorithm", algorithm.wireName());
      ex.setHeader("x-amz-checksum-type", type.name());
    }
    lifecycle.abortHeaders(ex, upload).forEach(ex::setHeader);
    ex.sendXml(200, MultipartXml.initiateResult(ex.bucket(), ex.objectKey(), upload.uploadId()));
  }

  void uploadPart(S3Exchange ex) throws IOException {
    int partNumber = requirePartNumber(ex);
    long length = WriteRules.requireBodyLength(ex);
    byte[] md5 = ChecksumHeaders.contentMd5(ex.header("Content-MD5"));
    ChecksumHeaders.Claim claim = ChecksumHeaders.claim(ex::header, ex::trailer, ex.body());
    UploadInfo upload = requireUpload(ex);
    checkPartClaim(upload, claim);
    try (QuotaReservation quota =
        admitPart(ex, upload.uploadId(), partNumber, Math.max(length, 0), length < 0)) {
      uploadPart(ex, partNumber, length, md5, claim, upload, quota);
    }
  }

  /**
   * Admits a part: the parts of the upload so far (but the one it replaces) and this one must fit
   * in the bucket's quota; they are not stored usage until the upload completes.
   */
  private QuotaReservation admitPart(
      S3Exchange ex, String uploadId, int partNumber, long bytes, boolean streamed)
      throws IOException {
    long others = partBytes(ex.bucket(), ex.objectKey(), uploadId, n -> n != partNumber);
    return quotas.admit(ex.bucketContext(), null, others + bytes, 0, streamed);
  }

  /** The bytes of the upload's stored parts whose numbers {@code counted} accepts. */
  private long partBytes(
      String bucket, String key, String uploadId, java.util.function.IntPredicate counted)
      throws IOException {
    long sum = 0;
    int marker = 0;
    while (true) {
      PartsPage page = store.listParts(bucket, key, uploadId, marker, MAX_LIST);
      for (dev.dfs.store.PartInfo p : page.parts()) {
        if (counted.test(p.partNumber())) sum += p.size();
      }
      if (!page.truncated() || page.parts().isEmpty()) return sum;
      marker = page.nextPartNumberMarker();
    }
  }

  private void uploadPart(
      S3Exchange ex,
      int partNumber,
      long length,
      byte @Nullable [] md5,
      ChecksumHeaders.Claim claim,
      UploadInfo upload,
      QuotaReservation quota)
      throws IOException {
    ChecksumAlgorithm expected = upload.checksumAlgorithm();
    SseHeaders.CustomerKey customer = SseHeaders.customerKey(ex, SseHeaders.CUSTOMER);
    dev.dfs.store.DataEncryption dataKey =
        encryption.forPart(ex.bucket(), ex.objectKey(), upload.metadata(), customer);
    InputStream body = quota.meter(WriteRules.body(ex, length));
    Supplier<String> storeVerifies = null;
    if (expected != null) {
      storeVerifies = claim.present() ? claim.expected() : null;
    } else {
      // The upload keeps no checksum: check the part's claimed one here, before the commit.
      body = ChecksumHeaders.verifying(body, length, claim);
    }
    PartInfo part =
        store.uploadPart(
            new PartUploadRequest(
                ex.bucket(),
                ex.objectKey(),
                upload.uploadId(),
                partNumber,
                length,
                md5,
                storeVerifies,
                dataKey),
            body);
    if (part.etag() != null) ex.setHeader("ETag", ObjectHeaders.quote(part.etag()));
    ObjectEncryption.responseHeaders(upload.metadata(), customer).forEach(ex::setHeader);
    if (part.checksum() != null) {
      ex.setHeader(part.checksum().algorithm().headerName(), part.checksum().base64());
    } else if (claim.algorithm() != null) {
      ex.setHeader(claim.algorithm().headerName(), claim.expected().get());
    }
    ex.sendEmpty(200);
  }

  void uploadPartCopy(S3Exchange ex) throws IOException {
    int partNumber = requirePartNumber(ex);
    CopySource src = CopySource.parse(ex.header("x-amz-copy-source"));
    ObjectHeaders.checkVersionId(src.versionId());
    UploadInfo upload = requireUpload(ex);
    SseHeaders.CustomerKey customer = SseHeaders.customerKey(ex, SseHeaders.CUSTOMER);
    SseHeaders.CustomerKey sourceKey = SseHeaders.customerKey(ex, SseHeaders.COPY_SOURCE_CUSTOMER);
    dev.dfs.store.DataEncryption dataKey =
        encryption.forPart(ex.bucket(), ex.objectKey(), upload.metadata(), customer);
    ObjectInfo source = WriteRules.copySourceObject(store, ex, src);
    String rangeHeader = ex.header("x-amz-copy-source-range");
    ByteRange range =
        rangeHeader == null ? null : RangeHeader.copySourceRange(rangeHeader, source.size());
    long length = range == null ? source.size() : range.length();
    WriteRules.checkCopySize(length);
    PartInfo part;
    try (QuotaReservation quota = admitPart(ex, upload.uploadId(), partNumber, length, false)) {
      part =
          store.uploadPartCopy(
              new PartCopyRequest(
                  new PartUploadRequest(
                      ex.bucket(),
                      ex.objectKey(),
                      upload.uploadId(),
                      partNumber,
                      length,
                      null,
                      null,
                      dataKey),
                  new ReadRequest(
                      src.bucket(), src.key(), src.versionId(), encryption.reader(sourceKey)),
                  range));
    }
    ObjectEncryption.responseHeaders(upload.metadata(), customer).forEach(ex::setHeader);
    if (source.versionId() != null)
      ex.setHeader("x-amz-copy-source-version-id", source.versionId());
    ex.sendXml(
        200,
        MultipartXml.copyResult(
            "CopyPartResult", part.etag(), part.lastModified(), part.checksum()));
  }

  /**
   * Completes an upload. A retry of a completion that already succeeded (same upload id, same
   * parts) answers the same result again (see {@link CompletedUploads}); its conditions are not
   * checked again, since the write they guarded has happened.
   */
  void completeUpload(S3Exchange ex) throws IOException {
    byte[] body = XmlIn.readBody(ex.body());
    String uploadId = ex.routedParam("uploadId");
    java.util.Optional<UploadInfo> open = store.upload(ex.bucket(), ex.objectKey(), uploadId);
    if (open.isEmpty()) {
      sendCompleted(ex, replayed(ex, uploadId, body));
      return;
    }
    List<MultipartXml.RequestedPart> requested = MultipartXml.parseComplete(body);
    List<CompletedPart> parts = completedParts(open.get(), requested);
    CompleteChecksumClaim.check(ex::header, open.get(), parts, store);
    java.util.Set<Integer> numbers = new java.util.HashSet<>();
    for (CompletedPart p : parts) numbers.add(p.partNumber());
    long size = partBytes(ex.bucket(), ex.objectKey(), uploadId, numbers::contains);
    ObjectInfo info;
    try (QuotaReservation quota = quotas.admit(ex.bucketContext(), ex.key(), size, 1, false)) {
      info =
          store.completeUpload(
              ex.bucket(), ex.objectKey(), uploadId, parts, WriteConditions.from(ex::header));
    }
    sendCompleted(ex, info);
  }

  /** The earlier result of a retried completion; NoSuchUpload when it is none. */
  private ObjectInfo replayed(S3Exchange ex, String uploadId, byte[] body) throws IOException {
    S3Exception noSuchUpload =
        new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD).with("UploadId", uploadId);
    List<MultipartXml.RequestedPart> requested;
    try {
      requested = MultipartXml.parseComplete(body);
    } catch (S3Exception e) {
      throw noSuchUpload; // the upload is unknown whatever the body says
    }
    return CompletedUploads.find(store, ex.bucket(), ex.objectKey(), uploadId, requested)
        .orElseThrow(() -> noSuchUpload);
  }

  private void sendCompleted(S3Exchange ex, ObjectInfo info) throws IOException {
    lifecycle.expirationHeader(ex, info).ifPresent(v -> ex.setHeader("x-amz-expiration", v));
    ObjectEncryption.responseHeaders(info.metadata(), null).forEach(ex::setHeader);
    if (info.versionId() != null) ex.setHeader("x-amz-version-id", info.versionId());
    ex.sendXml(200, MultipartXml.completeResult(location(ex), ex.bucket(), ex.objectKey(), info));
  }

  void abortUpload(S3Exchange ex) throws IOException {
    store.abortUpload(ex.bucket(), ex.objectKey(), ex.routedParam("uploadId"));
    ex.sendEmpty(204);
  }

  void listParts(S3Exchange ex) throws IOException {
    int maxParts = Math.min(MAX_LIST, nonNegativeInt(ex.param("max-parts"), "max-parts", MAX_LIST));
    int marker = nonNegativeInt(ex.param("part-number-marker"), "part-number-marker", 0);
    PartsPage page =
        store.listParts(ex.bucket(), ex.objectKey(), ex.routedParam("uploadId"), marker, maxParts);
    ex.sendXml(200, MultipartXml.listPartsResult(page, marker, maxParts, identity(ex)));
  }

  void listUploads(S3Exchange ex) throws IOException {
    int maxUploads =
        Math.min(MAX_LIST, nonNegativeInt(ex.param("max-uploads"), "max-uploads", MAX_LIST));
    boolean url = urlEncoding(ex.param("encoding-type"));
    String keyMarker = emptyToNull(ex.param("key-marker"));
    String uploadIdMarker = keyMarker == null ? null : emptyToNull(ex.param("upload-id-marker"));
    String prefix = ex.param("prefix");
    String delimiter = emptyToNull(ex.param("delimiter"));
    UploadsPage page =
        store.listUploads(
            ex.bucket(),
            new UploadsQuery(prefix, delimiter, keyMarker, uploadIdMarker, maxUploads));
    MultipartXml.UploadsListing listing =
        new MultipartXml.UploadsListing(
            ex.bucket(), prefix, delimiter, keyMarker, uploadIdMarker, maxUploads, url);
    ex.sendXml(200, MultipartXml.listUploadsResult(listing, page, identity(ex)));
  }

  private UploadInfo requireUpload(S3Exchange ex) throws IOException {
    // a part request may name a part number without an upload id: no such upload then
    String uploadId = Objects.requireNonNullElse(ex.param("uploadId"), "");
    return store
        .upload(ex.bucket(), ex.objectKey(), uploadId)
        .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD).with("UploadId", uploadId));
  }

  /**
   * A part's checksum must be the upload's algorithm; a COMPOSITE upload needs one per part (S3:
   * "Checksum Type mismatch occurred"). An upload without algorithm takes any.
   */
  static void checkPartClaim(UploadInfo upload, ChecksumHeaders.Claim claim) {
    ChecksumAlgorithm expected = upload.checksumAlgorithm();
    if (expected == null) return;
    boolean composite = upload.checksumType() != Checksum.Type.FULL_OBJECT;
    if (claim.present() ? claim.algorithm() != expected : composite) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "Checksum Type mismatch occurred, expected checksum Type: "
              + expected.wireName().toLowerCase(Locale.ROOT)
              + ", actual checksum Type: "
              + (claim.algorithm() != null
                  ? claim.algorithm().wireName().toLowerCase(Locale.ROOT)
                  : "null"));
    }
  }

  /**
   * The parts to complete with, each with its checksum in the upload's algorithm (ignored for an
   * upload without one). A COMPOSITE upload needs every part's checksum, as S3.
   */
  static List<CompletedPart> completedParts(
      UploadInfo upload, List<MultipartXml.RequestedPart> requested) {
    ChecksumAlgorithm algorithm = upload.checksumAlgorithm();
    boolean composite = algorithm != null && upload.checksumType() != Checksum.Type.FULL_OBJECT;
    List<CompletedPart> parts = new ArrayList<>(requested.size());
    for (MultipartXml.RequestedPart p : requested) {
      String checksum = algorithm == null ? null : p.checksums().get(algorithm);
      if (composite && algorithm != null && checksum == null) {
        throw new S3Exception(
            S3ErrorCode.INVALID_REQUEST,
            "The upload was created using a "
                + algorithm.wireName().toLowerCase(Locale.ROOT)
                + " checksum. The complete request"
                + " must include the checksum for each part. It was missing for part "
                + p.partNumber()
                + " in the request.");
      }
      parts.add(new CompletedPart(p.partNumber(), p.etag(), checksum));
    }
    return parts;
  }

  /**
   * {@code x-amz-checksum-type} for a new upload: COMPOSITE by default, FULL_OBJECT for CRC64NVME
   * (which has no composite form); null without an algorithm.
   */
  static Checksum.@Nullable Type checksumType(
      @Nullable ChecksumAlgorithm algorithm, @Nullable String header) {
    if (header == null) {
      if (algorithm == null) return null;
      return algorithm == ChecksumAlgorithm.CRC64NVME
          ? Checksum.Type.FULL_OBJECT
          : Checksum.Type.COMPOSITE;
    }
    Checksum.Type type =
        switch (header.trim().toUpperCase(Locale.ROOT)) {
          case "COMPOSITE" -> Checksum.Type.COMPOSITE;
          case "FULL_OBJECT" -> Checksum.Type.FULL_OBJECT;
          default ->
              throw new S3Exception(
                  S3ErrorCode.INVALID_REQUEST, "Value for x-amz-checksum-type header is invalid.");
        };
    if (algorithm == null) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "The x-amz-checksum-type header can"
              + " only be used with the x-amz-checksum-algorithm header.");
    }
    boolean crc =
        algorithm == ChecksumAlgorithm.CRC32
            || algorithm == ChecksumAlgorithm.CRC32C
            || algorithm == ChecksumAlgorithm.CRC64NVME;
    if (type == Checksum.Type.FULL_OBJECT && !crc
        || type == Checksum.Type.COMPOSITE && algorithm == ChecksumAlgorithm.CRC64NVME) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "The "
              + type.name()
              + " checksum type cannot be used with the "
              + algorithm.wireName().toLowerCase(Locale.ROOT)
              + " checksum algorithm.");
    }
    return type;
  }

  private static int requirePartNumber(S3Exchange ex) {
    Integer n = PartNumbers.parse(ex.param("partNumber"));
    if (n == null || ex.param("uploadId") == null) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST, "Upload part requests need both partNumber and uploadId.");
    }
    return n;
  }

  /** A non-negative integer query parameter, or {@code dflt} when absent. */
  static int nonNegativeInt(@Nullable String value, String name, int dflt) {
    if (value == null || value.isEmpty()) return dflt;
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 0) return n;
      throw S3Exception.invalidArgument(
          "Argument " + name + " must be an integer between 0 and 2147483647", name, value);
    } catch (NumberFormatException e) {
      throw S3Exception.invalidArgument(
          "Provided " + name + " not an integer or within integer range", name, value);
    }
  }

  static boolean urlEncoding(@Nullable String encodingType) {
    if (encodingType == null) return false;
    if (encodingType.equalsIgnoreCase("url")) return true;
    throw S3Exception.invalidArgument(
        "Invalid Encoding Method specified in Request", "encoding-type", encodingType);
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static MultipartXml.Identity identity(S3Exchange ex) {
    String id = ex.principal().userId();
    return new MultipartXml.Identity(id, id);
  }

  /** The object's URL as CompleteMultipartUploadResult reports it. */
  private static String location(S3Exchange ex) {
    String host = ex.header("Host");
    String proto = ex.header("X-Forwarded-Proto");
    String scheme = proto == null ? "http" : proto.trim().toLowerCase(Locale.ROOT);
    String key = MultipartXml.urlEncode(ex.objectKey());
    if (host == null) return "/" + ex.bucket() + "/" + key;
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith(ex.bucket().toLowerCase(Locale.ROOT) + ".")) {
      return scheme + "://" + host + "/" + key;
    }
    return scheme + "://" + host + "/" + ex.bucket() + "/" + key;
  }
}
