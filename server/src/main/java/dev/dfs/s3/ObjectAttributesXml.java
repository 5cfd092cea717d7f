package dev.dfs.s3;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of GetObjectAttributes ({@code GetObjectAttributesResponse}, the API Reference's {@code
 * GetObjectAttributesOutput}), holding only the attributes asked for, in the reference's order:
 * ETag (unquoted), Checksum (a composite value without its {@code -N} suffix, with its
 * ChecksumType), ObjectParts, StorageClass, ObjectSize. Pure and thread-safe.
 *
 * <p>ObjectParts is sent for multipart objects only. As S3 general purpose buckets, it lists the
 * parts (number, size, checksum; paged by {@code x-amz-max-parts} and {@code
 * x-amz-part-number-marker}) only when the object kept a checksum of each part; otherwise it holds
 * the parts count alone.
 */
final class ObjectAttributesXml {
  private ObjectAttributesXml() {}

  /** The attributes {@code x-amz-object-attributes} may name, by their wire names. */
  enum Attribute {
    ETAG("ETag"),
    CHECKSUM("Checksum"),
    OBJECT_PARTS("ObjectParts"),
    STORAGE_CLASS("StorageClass"),
    OBJECT_SIZE("ObjectSize");

    private final String wireName;

    Attribute(String wireName) {
      this.wireName = wireName;
    }

    /** The attribute named exactly {@code name} (S3 matches case-sensitively), or null. */
    static @Nullable Attribute fromWireName(String name) {
      for (Attribute a : values()) {
        if (a.wireName.equals(name)) return a;
      }
      return null;
    }
  }

  /** Which page of parts to list: after {@code marker}, at most {@code maxParts}. */
  record PartsPage(int marker, int maxParts) {}

  static XmlOut response(ObjectInfo info, Set<Attribute> wanted, PartsPage page) {
    XmlOut xml = XmlOut.document("GetObjectAttributesResponse");
    if (wanted.contains(Attribute.ETAG)) xml.element("ETag", info.etag());
    Checksum c = info.checksum();
    // a checksum without its value (an upstream listing names only the algorithm) is not sent
    String value = c == null ? null : c.base64();
    if (wanted.contains(Attribute.CHECKSUM) && c != null && value != null) {
      xml.start("Checksum")
          .element("Checksum" + c.algorithm().wireName(), withoutPartCount(value))
          .element("ChecksumType", c.type().name())
          .end();
    }
    if (wanted.contains(Attribute.OBJECT_PARTS) && info.partCount() > 0) {
      objectParts(xml, info, page);
    }
    if (wanted.contains(Attribute.STORAGE_CLASS)) {
      xml.element("StorageClass", info.metadata().effectiveStorageClass());
    }
    if (wanted.contains(Attribute.OBJECT_SIZE)) xml.element("ObjectSize", info.size());
    return xml;
  }

  private static void objectParts(XmlOut xml, ObjectInfo info, PartsPage page) {
    int count = info.partCount();
    List<String> checksums = partChecksums(info);
    Checksum checksum = info.checksum();
    xml.start("ObjectParts");
    if (checksums != null && checksum != null) { // partChecksums has none without a checksum
      int first = Math.min(page.marker(), count) + 1;
      int last = (int) Math.min(count, (long) first - 1 + page.maxParts());
      boolean truncated = last < count;
      xml.element("PartNumberMarker", page.marker())
          .element("NextPartNumberMarker", last >= first ? last : page.marker())
          .element("MaxParts", page.maxParts())
          .element("IsTruncated", truncated);
      String name = "Checksum" + checksum.algorithm().wireName();
      for (int n = first; n <= last; n++) {
        xml.start("Part")
            .element(name, checksums.get(n - 1))
            .element("PartNumber", n)
            .element("Size", info.partSizes().get(n - 1))
            .end();
      }
    }
    xml.element("PartsCount", count).end();
  }

  /** The parts' checksums the engine kept, or null when it kept none for every part. */
  static @Nullable List<String> partChecksums(ObjectInfo info) {
    String stored = info.metadata().attribute(ObjectAttributes.PART_CHECKSUMS);
    if (stored == null || info.checksum() == null) return null;
    List<String> values = List.of(stored.split(","));
    return values.size() == info.partCount() ? values : null;
  }

  /** {@code abc=-3} → {@code abc=}: S3 sends a composite checksum bare here. */
  private static String withoutPartCount(String base64) {
    int dash = base64.indexOf('-');
    return dash < 0 ? base64 : base64.substring(0, dash);
  }
}
