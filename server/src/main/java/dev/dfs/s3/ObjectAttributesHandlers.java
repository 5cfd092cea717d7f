package dev.dfs.s3;

import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.ReadRequest;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * GetObjectAttributes ({@code GET /bucket/key?attributes}): an object's or version's ETag,
 * checksum, parts, storage class and size without its data. Reads the version as GetObject does, so
 * a missing key, a delete marker (404 or, addressed by id, 405, with {@code x-amz-delete-marker})
 * and SSE-C (the customer key headers are required and checked) answer as they do for GetObject; no
 * byte of the body is read. Thread-safe.
 */
final class ObjectAttributesHandlers {
  /** S3's page size and ceiling for {@code x-amz-max-parts}. */
  private static final int MAX_PARTS = 1000;

  private final ObjectStore store;
  private final ObjectEncryption encryption;

  ObjectAttributesHandlers(ObjectStore store, ObjectEncryption encryption) {
    this.store = store;
    this.encryption = encryption;
  }

  void getObjectAttributes(S3Exchange ex) throws IOException {
    Set<ObjectAttributesXml.Attribute> wanted =
        attributes(allValues(ex, "x-amz-object-attributes"));
    ObjectAttributesXml.PartsPage page =
        new ObjectAttributesXml.PartsPage(
            nonNegative(ex.header("x-amz-part-number-marker"), "x-amz-part-number-marker", 0),
            Math.min(
                MAX_PARTS,
                nonNegative(ex.header("x-amz-max-parts"), "x-amz-max-parts", MAX_PARTS)));
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    SseHeaders.CustomerKey customer = SseHeaders.customerKey(ex, SseHeaders.CUSTOMER);
    ObjectInfo info;
    try (ObjectRead read =
        store.open(
            new ReadRequest(ex.bucket(), ex.objectKey(), versionId, encryption.reader(customer)))) {
      info = read.info();
    }
    if (info.versionId() != null) ex.setHeader("x-amz-version-id", info.versionId());
    ex.setHeader("Last-Modified", HttpDates.format(info.lastModified()));
    ex.sendXml(200, ObjectAttributesXml.response(info, wanted, page));
  }

  /**
   * The attributes a comma-separated {@code x-amz-object-attributes} names (the header may also be
   * repeated: its values are joined with commas first). InvalidArgument when it is missing, empty
   * or names anything else, as S3.
   */
  static Set<ObjectAttributesXml.Attribute> attributes(@Nullable String header) {
    if (header == null || header.isBlank()) {
      throw S3Exception.invalidArgument(
          "The x-amz-object-attributes header specifying the"
              + " attributes to be retrieved is either missing or empty",
          "x-amz-object-attributes",
          header);
    }
    Set<ObjectAttributesXml.Attribute> out = EnumSet.noneOf(ObjectAttributesXml.Attribute.class);
    for (String name : header.split(",")) {
      ObjectAttributesXml.Attribute a = ObjectAttributesXml.Attribute.fromWireName(name.trim());
      if (a == null) {
        throw S3Exception.invalidArgument(
            "Invalid attribute name specified.", "x-amz-object-attributes", name.trim());
      }
      out.add(a);
    }
    return out;
  }

  /** Every value of a header that may be repeated, joined with commas; null when absent. */
  private static @Nullable String allValues(S3Exchange ex, String name) {
    StringBuilder out = null;
    for (var field : ex.headers()) {
      if (!field.getLowerCaseName().equals(name)) continue;
      out = out == null ? new StringBuilder() : out.append(',');
      out.append(field.getValue());
    }
    return out == null ? null : out.toString();
  }

  private static int nonNegative(String value, String name, int absent) {
    if (value == null) return absent;
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw S3Exception.invalidArgument(
        "Provided " + name + " not an integer or within integer range", name, value);
  }
}
