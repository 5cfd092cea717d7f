package dev.dfs.s3;

import dev.dfs.store.ListPage;
import dev.dfs.store.ObjectInfo;
import org.jspecify.annotations.Nullable;

/**
 * Renders listing pages as S3's {@code ListBucketResult} documents (v1 and v2), in the element
 * order S3 itself writes. With {@code encoding-type=url} the key-like values are encoded with
 * {@link KeyEncoding}: v1 {@code Prefix, Marker, NextMarker, Delimiter, Key,
 * CommonPrefixes/Prefix}; v2 {@code Prefix, StartAfter, Delimiter, Key, CommonPrefixes/Prefix}
 * (continuation tokens are opaque and never encoded). Pure and thread-safe.
 */
final class ListingXml {
  private ListingXml() {}

  /**
   * ListObjects (v1). {@code NextMarker} is written only for a truncated page of a listing with a
   * delimiter, as S3 does; without a delimiter clients resume after the last key.
   *
   * @param marker the {@code marker} sent, or null (echoed as an empty element)
   * @param ownerId written as every object's {@code Owner}
   */
  static XmlOut v1(
      String bucket, ListParams p, @Nullable String marker, ListPage page, String ownerId) {
    XmlOut xml =
        XmlOut.document("ListBucketResult")
            .element("Name", bucket)
            .element("Prefix", p.out(p.prefix()))
            .element("Marker", marker == null ? "" : p.out(marker));
    if (page.truncated() && p.delimiter() != null && page.nextAfter() != null) {
      xml.element("NextMarker", p.out(page.nextAfter()));
    }
    xml.element("MaxKeys", p.maxKeys()).element("Delimiter", p.out(p.delimiter()));
    if (p.urlEncoded()) xml.element("EncodingType", KeyEncoding.URL);
    xml.element("IsTruncated", page.truncated());
    entries(xml, p, page, ownerId);
    return xml;
  }

  /**
   * ListObjectsV2.
   *
   * @param continuationToken the token sent, echoed unchanged, or null
   * @param startAfter the {@code start-after} sent, or null
   * @param ownerId written as every object's {@code Owner} when {@code fetch-owner=true}, else null
   *     for no owner
   */
  static XmlOut v2(
      String bucket,
      ListParams p,
      @Nullable String continuationToken,
      @Nullable String startAfter,
      ListPage page,
      @Nullable String ownerId) {
    XmlOut xml =
        XmlOut.document("ListBucketResult")
            .element("Name", bucket)
            .element("Prefix", p.out(p.prefix()))
            .element("StartAfter", p.out(startAfter))
            .element("ContinuationToken", continuationToken);
    if (page.truncated() && page.nextAfter() != null) {
      xml.element("NextContinuationToken", ContinuationTokens.encode(page.nextAfter()));
    }
    xml.element("KeyCount", page.objects().size() + page.commonPrefixes().size())
        .element("MaxKeys", p.maxKeys())
        .element("Delimiter", p.out(p.delimiter()));
    if (p.urlEncoded()) xml.element("EncodingType", KeyEncoding.URL);
    xml.element("IsTruncated", page.truncated());
    entries(xml, p, page, ownerId);
    return xml;
  }

  /** Every {@code Contents}, then every {@code CommonPrefixes}, each in key order. */
  private static void entries(XmlOut xml, ListParams p, ListPage page, @Nullable String ownerId) {
    for (ObjectInfo o : page.objects()) {
      xml.start("Contents")
          .element("Key", p.out(o.key()))
          .element("LastModified", o.lastModified())
          .element("ETag", quoted(o.etag()));
      if (o.checksum() != null) {
        xml.element("ChecksumAlgorithm", o.checksum().algorithm().wireName())
            .element("ChecksumType", o.checksum().type().name());
      }
      xml.element("Size", o.size());
      if (ownerId != null) owner(xml, ownerId);
      xml.element("StorageClass", storageClass(o)).end();
    }
    for (String prefix : page.commonPrefixes()) {
      xml.start("CommonPrefixes").element("Prefix", p.out(prefix)).end();
    }
  }

  /** {@code <Owner><ID/><DisplayName/></Owner>}; DFS has one name per user for both. */
  static XmlOut owner(XmlOut xml, String userId) {
    return xml.start("Owner").element("ID", userId).element("DisplayName", userId).end();
  }

  /** The ETag as S3 writes it in XML: in double quotes. */
  static @Nullable String quoted(String etag) {
    if (etag == null) return null;
    return etag.startsWith("\"") ? etag : '"' + etag + '"';
  }

  private static String storageClass(ObjectInfo o) {
    return o.metadata() == null ? "STANDARD" : o.metadata().effectiveStorageClass();
  }
}
