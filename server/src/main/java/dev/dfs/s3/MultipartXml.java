package dev.dfs.s3;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartsPage;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.util.ChecksumAlgorithm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The multipart documents (CompleteMultipartUpload request; Initiate/Complete/ListParts/
 * ListMultipartUploads results) and the copy results shared with CopyObject. Pure and thread-safe.
 */
final class MultipartXml {
  /** S3's highest part number. */
  static final int MAX_PART_NUMBER = 10_000;

  private MultipartXml() {}

  /** A part as listed in CompleteMultipartUpload: ETag without quotes, checksums by algorithm. */
  record RequestedPart(int partNumber, String etag, Map<ChecksumAlgorithm, String> checksums) {
    RequestedPart {
      checksums = Map.copyOf(checksums);
    }
  }

  /** Who owns or started an upload, as {@code <Owner>}/{@code <Initiator>} show it. */
  record Identity(String id, String displayName) {}

  /** The request parameters a ListMultipartUploads answer echoes. */
  record UploadsListing(
      String bucket,
      @Nullable String prefix,
      @Nullable String delimiter,
      @Nullable String keyMarker,
      @Nullable String uploadIdMarker,
      int maxUploads,
      boolean urlEncoded) {}

  /** Parses {@code <CompleteMultipartUpload>}; MalformedXML when empty or invalid. */
  static List<RequestedPart> parseComplete(byte[] xml) {
    XmlWalk walk = XmlWalk.open(xml, "CompleteMultipartUpload");
    List<RequestedPart> parts = new ArrayList<>();
    while (walk.nextChild()) {
      if (walk.name().equals("Part")) {
        parts.add(part(walk));
        if (parts.size() > MAX_PART_NUMBER) throw XmlWalk.malformed();
      } else {
        walk.skip();
      }
    }
    walk.finish();
    if (parts.isEmpty()) throw XmlWalk.malformed();
    return parts;
  }

  private static RequestedPart part(XmlWalk walk) {
    Integer number = null;
    String etag = null;
    Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
    while (walk.nextChild()) {
      String name = walk.name();
      if (name.equals("PartNumber")) {
        number = partNumber(walk.text().trim());
      } else if (name.equals("ETag")) {
        etag = unquote(walk.text().trim());
      } else if (name.startsWith("Checksum")) {
        var algorithm = ChecksumAlgorithm.fromWireName(name.substring("Checksum".length()));
        if (algorithm.isPresent()) {
          checksums.put(algorithm.get(), walk.text().trim());
        } else {
          walk.skip();
        }
      } else {
        walk.skip();
      }
    }
    if (number == null || etag == null) throw XmlWalk.malformed();
    return new RequestedPart(number, etag, checksums);
  }

  private static int partNumber(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw XmlWalk.malformed();
    }
  }

  /** An ETag with any surrounding quotes (also as the XML entity for a quote) removed. */
  static String unquote(String etag) {
    String e = etag;
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e;
  }

  static XmlOut initiateResult(String bucket, String key, String uploadId) {
    return XmlOut.document("InitiateMultipartUploadResult")
        .element("Bucket", bucket)
        .element("Key", key)
        .element("UploadId", uploadId);
  }

  static XmlOut completeResult(String location, String bucket, String key, ObjectInfo info) {
    XmlOut xml =
        XmlOut.document("CompleteMultipartUploadResult")
            .element("Location", location)
            .element("Bucket", bucket)
            .element("Key", key)
            .element("ETag", ObjectHeaders.quote(info.etag()));
    return checksumElements(xml, info.checksum(), true);
  }

  /**
   * {@code <CopyObjectResult>} or {@code <CopyPartResult>}: ETag, LastModified and the checksum
   * when there is one.
   */
  static XmlOut copyResult(
      String root, @Nullable String etag, Instant lastModified, @Nullable Checksum checksum) {
    XmlOut xml =
        XmlOut.document(root)
            .element("ETag", etag == null ? null : ObjectHeaders.quote(etag))
            .element("LastModified", lastModified);
    return checksumElements(xml, checksum, root.equals("CopyObjectResult"));
  }

  static XmlOut listPartsResult(
      PartsPage page, int partNumberMarker, int maxParts, Identity owner) {
    UploadInfo upload = page.upload();
    XmlOut xml =
        XmlOut.document("ListPartsResult")
            .element("Bucket", upload.bucket())
            .element("Key", upload.key())
            .element("UploadId", upload.uploadId());
    identity(xml, "Initiator", owner);
    identity(xml, "Owner", owner);
    xml.element("StorageClass", upload.metadata().effectiveStorageClass())
        .element("PartNumberMarker", partNumberMarker)
        .element(
            "NextPartNumberMarker",
            page.truncated()
                ? page.nextPartNumberMarker()
                : lastPartNumber(page.parts(), partNumberMarker))
        .element("MaxParts", maxParts)
        .element("IsTruncated", page.truncated());
    for (PartInfo p : page.parts()) {
      xml.start("Part")
          .element("PartNumber", p.partNumber())
          .element("LastModified", p.lastModified())
          .element("ETag", p.etag() == null ? null : ObjectHeaders.quote(p.etag()))
          .element("Size", p.size());
      checksumElements(xml, p.checksum(), false);
      xml.end();
    }
    if (upload.checksumAlgorithm() != null) {
      xml.element("ChecksumAlgorithm", upload.checksumAlgorithm().wireName());
      if (upload.checksumType() != null) xml.element("ChecksumType", upload.checksumType().name());
    }
    return xml;
  }

  private static int lastPartNumber(List<PartInfo> parts, int fallback) {
    return parts.isEmpty() ? fallback : parts.get(parts.size() - 1).partNumber();
  }

  static XmlOut listUploadsResult(UploadsListing q, UploadsPage page, Identity owner) {
    XmlOut xml =
        XmlOut.document("ListMultipartUploadsResult")
            .element("Bucket", q.bucket())
            .element("KeyMarker", encode(q.keyMarker() == null ? "" : q.keyMarker(), q))
            .element("UploadIdMarker", q.uploadIdMarker() == null ? "" : q.uploadIdMarker());
    if (page.truncated()) {
      xml.element("NextKeyMarker", encode(page.nextKeyMarker(), q))
          .element("NextUploadIdMarker", page.nextUploadIdMarker());
    }
    if (q.delimiter() != null) xml.element("Delimiter", encode(q.delimiter(), q));
    xml.element("Prefix", encode(q.prefix() == null ? "" : q.prefix(), q))
        .element("MaxUploads", q.maxUploads())
        .element("IsTruncated", page.truncated());
    for (UploadInfo u : page.uploads()) {
      xml.start("Upload").element("Key", encode(u.key(), q)).element("UploadId", u.uploadId());
      identity(xml, "Initiator", owner);
      identity(xml, "Owner", owner);
      xml.element("StorageClass", u.metadata().effectiveStorageClass())
          .element("Initiated", u.initiated());
      if (u.checksumAlgorithm() != null) {
        xml.element("ChecksumAlgorithm", u.checksumAlgorithm().wireName());
        if (u.checksumType() != null) xml.element("ChecksumType", u.checksumType().name());
      }
      xml.end();
    }
    for (String prefix : page.commonPrefixes()) {
      xml.start("CommonPrefixes").element("Prefix", encode(prefix, q)).end();
    }
    if (q.urlEncoded()) xml.element("EncodingType", "url");
    return xml;
  }

  private static void identity(XmlOut xml, String element, Identity who) {
    xml.start(element).element("ID", who.id()).element("DisplayName", who.displayName()).end();
  }

  /** {@code <Checksum<ALG>>} and, when asked, {@code <ChecksumType>}; nothing for null. */
  private static XmlOut checksumElements(
      XmlOut xml, @Nullable Checksum checksum, boolean withType) {
    if (checksum == null) return xml;
    xml.element("Checksum" + checksum.algorithm().wireName(), checksum.base64());
    if (withType) xml.element("ChecksumType", checksum.type().name());
    return xml;
  }

  private static @Nullable String encode(@Nullable String value, UploadsListing q) {
    return value == null || !q.urlEncoded() ? value : urlEncode(value);
  }

  /** Percent-encodes as S3 does for {@code encoding-type=url} ({@link KeyEncoding}). */
  static String urlEncode(String value) {
    return KeyEncoding.urlEncode(value);
  }
}
