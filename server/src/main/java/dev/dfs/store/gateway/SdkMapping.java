package dev.dfs.store.gateway;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectMetadata;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Translations between DFS' store records and the AWS SDK's model: checksum algorithms and values,
 * object metadata (content headers, user metadata, storage class), ETags. Stateless.
 */
final class SdkMapping {
  private SdkMapping() {}

  static @Nullable ChecksumAlgorithm toSdk(dev.dfs.util.@Nullable ChecksumAlgorithm a) {
    if (a == null) return null;
    return switch (a) {
      case CRC32 -> ChecksumAlgorithm.CRC32;
      case CRC32C -> ChecksumAlgorithm.CRC32_C;
      case CRC64NVME -> ChecksumAlgorithm.CRC64_NVME;
      case SHA1 -> ChecksumAlgorithm.SHA1;
      case SHA256 -> ChecksumAlgorithm.SHA256;
    };
  }

  static dev.dfs.util.@Nullable ChecksumAlgorithm fromSdk(String wire) {
    if (wire == null) return null;
    return dev.dfs.util.ChecksumAlgorithm.fromWireName(wire.replace("_", "")).orElse(null);
  }

  static @Nullable ChecksumType toSdk(Checksum.Type t) {
    return t == null ? null : ChecksumType.fromValue(t.name());
  }

  static Checksum.Type typeFromSdk(@Nullable String wire, @Nullable String value) {
    if (wire != null && wire.equalsIgnoreCase("FULL_OBJECT")) return Checksum.Type.FULL_OBJECT;
    if (wire != null && wire.equalsIgnoreCase("COMPOSITE")) return Checksum.Type.COMPOSITE;
    return value != null && value.contains("-")
        ? Checksum.Type.COMPOSITE
        : Checksum.Type.FULL_OBJECT;
  }

  /** The checksum among the SDK's per-algorithm fields that is set, or null. */
  static @Nullable Checksum checksum(
      @Nullable String crc32,
      @Nullable String crc32c,
      @Nullable String crc64,
      @Nullable String sha1,
      @Nullable String sha256,
      @Nullable String type) {
    if (crc32 != null) return checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, crc32, type);
    if (crc32c != null) return checksum(dev.dfs.util.ChecksumAlgorithm.CRC32C, crc32c, type);
    if (crc64 != null) return checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, crc64, type);
    if (sha1 != null) return checksum(dev.dfs.util.ChecksumAlgorithm.SHA1, sha1, type);
    if (sha256 != null) return checksum(dev.dfs.util.ChecksumAlgorithm.SHA256, sha256, type);
    return null;
  }

  private static Checksum checksum(
      dev.dfs.util.ChecksumAlgorithm a, String value, @Nullable String type) {
    return new Checksum(a, value, typeFromSdk(type, value));
  }

  /** The metadata a HEAD answered. */
  static ObjectMetadata metadata(HeadObjectResponse h) {
    Map<String, String> user = new HashMap<>();
    h.metadata().forEach((k, v) -> user.put(k.toLowerCase(Locale.ROOT), v));
    String expires = h.expiresString();
    return new ObjectMetadata(
        h.contentType(),
        h.contentEncoding(),
        h.contentDisposition(),
        h.contentLanguage(),
        h.cacheControl(),
        expires,
        user,
        storageClass(h.storageClassAsString()));
  }

  /** STANDARD is what S3 reports when none was set; DFS stores null for it. */
  static @Nullable String storageClass(String s) {
    return s == null || s.isEmpty() || s.equals("STANDARD") ? null : s;
  }

  static PutObjectRequest.Builder apply(PutObjectRequest.Builder b, ObjectMetadata m) {
    return b.contentType(m.contentType())
        .contentEncoding(m.contentEncoding())
        .contentDisposition(m.contentDisposition())
        .contentLanguage(m.contentLanguage())
        .cacheControl(m.cacheControl())
        .overrideConfiguration(o -> expires(m, o::putHeader))
        .metadata(m.userMetadata())
        .storageClass(m.storageClass())
        .tagging(tagging(m.tags()));
  }

  static CreateMultipartUploadRequest.Builder apply(
      CreateMultipartUploadRequest.Builder b, ObjectMetadata m) {
    return b.contentType(m.contentType())
        .contentEncoding(m.contentEncoding())
        .contentDisposition(m.contentDisposition())
        .contentLanguage(m.contentLanguage())
        .cacheControl(m.cacheControl())
        .overrideConfiguration(o -> expires(m, o::putHeader))
        .metadata(m.userMetadata())
        .storageClass(m.storageClass())
        .tagging(tagging(m.tags()));
  }

  static CopyObjectRequest.Builder apply(CopyObjectRequest.Builder b, ObjectMetadata m) {
    return b.contentType(m.contentType())
        .contentEncoding(m.contentEncoding())
        .contentDisposition(m.contentDisposition())
        .contentLanguage(m.contentLanguage())
        .cacheControl(m.cacheControl())
        .overrideConfiguration(o -> expires(m, o::putHeader))
        .metadata(m.userMetadata())
        .storageClass(m.storageClass());
  }

  /** Expires goes as the raw header: the SDK's Instant field would reformat or drop it. */
  private static void expires(ObjectMetadata m, java.util.function.BiConsumer<String, String> put) {
    if (m.expires() != null) put.accept("Expires", m.expires());
  }

  /**
   * A tag set as the {@code x-amz-tagging} header carries it ({@code k1=v1&k2=v2}, each part
   * percent-encoded), or null for none, so that no header is sent.
   */
  static @Nullable String tagging(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) return null;
    StringBuilder sb = new StringBuilder();
    tags.forEach(
        (k, v) -> {
          if (sb.length() > 0) sb.append('&');
          sb.append(percent(k)).append('=').append(percent(v));
        });
    return sb.toString();
  }

  private static String percent(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  /** The SDK's tag set as a map (upstream GetObjectTagging). */
  static Map<String, String> tags(List<software.amazon.awssdk.services.s3.model.Tag> tagSet) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (var t : tagSet) out.put(t.key(), t.value() == null ? "" : t.value());
    return out;
  }

  /**
   * {@code *} when the write needs the key to be absent, the ETag list of an {@code If-None-Match:
   * <etag>} condition as sent (the upstream decides whether it takes one), else null (no header).
   */
  static @Nullable String ifNoneMatch(dev.dfs.store.@Nullable WriteCondition c) {
    if (c == null) return null;
    return c.ifNoneMatchAny() ? "*" : c.ifNoneMatchEtag();
  }

  /** The If-Match value for the upstream (an ETag in quotes, or {@code *}), or null. */
  static @Nullable String ifMatch(dev.dfs.store.@Nullable WriteCondition c) {
    if (c == null || c.ifMatchEtag() == null) return null;
    String e = c.ifMatchEtag().trim();
    return e.equals("*") || e.startsWith("\"") || e.startsWith("W/") ? e : quote(e);
  }

  static @Nullable String contentMd5(byte @Nullable [] md5) {
    return md5 == null ? null : Base64.getEncoder().encodeToString(md5);
  }

  /**
   * An ETag without its quotes, as the store records hold it; empty when the upstream sent none (an
   * S3 service always sends one).
   */
  static String etag(@Nullable String quoted) {
    if (quoted == null) return "";
    String s = quoted.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1);
    }
    return s;
  }

  static String quote(String etag) {
    return "\"" + etag + "\"";
  }

  /** The number of parts an ETag {@code md5-N} names, or 0 for a single-PUT ETag. */
  static int partCount(@Nullable String etag) {
    if (etag == null) return 0;
    int dash = etag.lastIndexOf('-');
    if (dash < 0) return 0;
    try {
      return Integer.parseInt(etag.substring(dash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static List<Long> noParts() {
    return List.of();
  }
}
