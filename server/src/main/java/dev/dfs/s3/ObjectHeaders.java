package dev.dfs.s3;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.jspecify.annotations.Nullable;

/**
 * Object headers in both directions: what a write request states about an object (content headers,
 * {@code x-amz-meta-*}, {@code x-amz-storage-class}) and the headers a GET or HEAD answers with.
 * Pure and thread-safe.
 */
final class ObjectHeaders {
  /** The storage classes S3 accepts in {@code x-amz-storage-class}. */
  static final Set<String> STORAGE_CLASSES =
      Set.of(
          "STANDARD",
          "REDUCED_REDUNDANCY",
          "STANDARD_IA",
          "ONEZONE_IA",
          "INTELLIGENT_TIERING",
          "GLACIER",
          "DEEP_ARCHIVE",
          "GLACIER_IR",
          "OUTPOSTS",
          "EXPRESS_ONEZONE");

  /** S3's limit on user metadata: UTF-8 bytes of all names (without prefix) and values. */
  static final int MAX_USER_METADATA_BYTES = 2 * 1024;

  /** Content-Type S3 gives an object written without one. */
  static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

  static final String META_PREFIX = "x-amz-meta-";

  /** Query parameters of GET/HEAD that override a response header, and the header each sets. */
  static final Map<String, String> RESPONSE_OVERRIDES =
      orderedMap(
          "response-content-type", "Content-Type",
          "response-content-language", "Content-Language",
          "response-expires", "Expires",
          "response-cache-control", "Cache-Control",
          "response-content-disposition", "Content-Disposition",
          "response-content-encoding", "Content-Encoding");

  private ObjectHeaders() {}

  /** The metadata a PutObject, CreateMultipartUpload or CopyObject (REPLACE) request states. */
  static ObjectMetadata fromRequest(List<HttpField> headers) {
    Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> user = new TreeMap<>();
    for (HttpField f : headers) {
      String name = f.getLowerCaseName();
      String value = f.getValue() == null ? "" : f.getValue();
      if (name.startsWith(META_PREFIX)) {
        String metaName = name.substring(META_PREFIX.length());
        // S3 stores RFC 2047 encoded words decoded (and encodes non-ASCII on the way out)
        if (!metaName.isEmpty()) {
          user.merge(metaName, MimeWords.decode(HeaderText.of(value)), (a, b) -> a + "," + b);
        }
      } else {
        first.putIfAbsent(name, value);
      }
    }
    checkUserMetadataSize(user);
    String contentType = first.get("content-type");
    return new ObjectMetadata(
        contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType,
        withoutAwsChunked(first.get("content-encoding")),
        first.get("content-disposition"),
        first.get("content-language"),
        first.get("cache-control"),
        normalizeExpires(first.get("expires")),
        user,
        storageClass(first.get("x-amz-storage-class")),
        ObjectTags.fromHeader(first.get("x-amz-tagging")));
  }

  /** A copy of {@code m} with another storage class. */
  static ObjectMetadata withStorageClass(ObjectMetadata m, @Nullable String storageClass) {
    return new ObjectMetadata(
        m.contentType(),
        m.contentEncoding(),
        m.contentDisposition(),
        m.contentLanguage(),
        m.cacheControl(),
        m.expires(),
        m.userMetadata(),
        storageClass,
        m.tags());
  }

  /** Validates {@code x-amz-storage-class}; null when absent. InvalidStorageClass otherwise. */
  static @Nullable String storageClass(@Nullable String header) {
    if (header == null) return null;
    String v = header.trim();
    if (!STORAGE_CLASSES.contains(v)) {
      throw new S3Exception(S3ErrorCode.INVALID_STORAGE_CLASS)
          .with("StorageClassRequested", header);
    }
    return v;
  }

  static void checkUserMetadataSize(Map<String, String> user) {
    long bytes = 0;
    for (Map.Entry<String, String> e : user.entrySet()) {
      bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length;
      bytes += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_USER_METADATA_BYTES) {
      throw new S3Exception(S3ErrorCode.METADATA_TOO_LARGE)
          .with("Size", Long.toString(bytes))
          .with("MaxSizeAllowed", Integer.toString(MAX_USER_METADATA_BYTES));
    }
  }

  /**
   * Content-Encoding exactly as sent but for the {@code aws-chunked} transfer coding (S3 keeps
   * {@code "gzip, br"} with its space); null if nothing is left.
   */
  static @Nullable String withoutAwsChunked(@Nullable String contentEncoding) {
    if (contentEncoding == null) return null;
    String[] codings = contentEncoding.split(",", -1);
    boolean chunked = false;
    for (String c : codings) chunked |= c.trim().equalsIgnoreCase("aws-chunked");
    if (!chunked) return contentEncoding;
    StringBuilder kept = new StringBuilder();
    for (String coding : codings) {
      String c = coding.trim();
      if (c.isEmpty() || c.equalsIgnoreCase("aws-chunked")) continue;
      if (!kept.isEmpty()) kept.append(", ");
      kept.append(c);
    }
    return kept.isEmpty() ? null : kept.toString();
  }

  /** An Expires value re-written in RFC 1123 when it is a date; kept as sent otherwise. */
  private static @Nullable String normalizeExpires(@Nullable String expires) {
    if (expires == null) return null;
    Instant t = HttpDates.parse(expires);
    return t == null ? expires : HttpDates.format(t);
  }

  /**
   * Returns {@code versionId} (null when absent) if it is {@code null} or has the shape of an id
   * DFS issues; InvalidArgument otherwise, as S3 answers a malformed id.
   */
  static @Nullable String checkVersionId(@Nullable String versionId) {
    if (versionId != null && !dev.dfs.store.VersionIds.isWellFormed(versionId)) {
      throw S3Exception.invalidArgument("Invalid version id specified", "versionId", versionId);
    }
    return versionId;
  }

  /** {@code "etag"}. */
  static String quote(String etag) {
    return "\"" + etag + "\"";
  }

  /**
   * The headers GET and HEAD send for {@code info} (Content-Length aside), in S3's order:
   * validators, content headers, user metadata, storage class unless STANDARD.
   */
  static Map<String, String> forObject(ObjectInfo info) {
    Map<String, String> h = new LinkedHashMap<>();
    ObjectMetadata m = info.metadata();
    h.put("Last-Modified", HttpDates.format(info.lastModified()));
    h.put("ETag", quote(info.etag()));
    h.put("Accept-Ranges", "bytes");
    putIfSet(h, "Cache-Control", m.cacheControl());
    putIfSet(h, "Content-Disposition", m.contentDisposition());
    putIfSet(h, "Content-Encoding", m.contentEncoding());
    putIfSet(h, "Content-Language", m.contentLanguage());
    putIfSet(h, "Expires", m.expires());
    h.put("Content-Type", m.contentType() == null ? DEFAULT_CONTENT_TYPE : m.contentType());
    for (Map.Entry<String, String> e : new TreeMap<>(m.userMetadata()).entrySet()) {
      h.put(META_PREFIX + e.getKey(), headerSafe(e.getValue()));
    }
    if (!"STANDARD".equals(m.effectiveStorageClass())) {
      h.put("x-amz-storage-class", m.effectiveStorageClass());
    }
    return h;
  }

  /** The validators a 304 Not Modified carries. */
  static Map<String, String> validators(ObjectInfo info) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Last-Modified", HttpDates.format(info.lastModified()));
    h.put("ETag", quote(info.etag()));
    return h;
  }

  /** {@code x-amz-checksum-<alg>} and {@code x-amz-checksum-type}; empty for null. */
  static Map<String, String> checksum(@Nullable Checksum checksum) {
    Map<String, String> h = new LinkedHashMap<>();
    if (checksum != null) {
      h.put(checksum.algorithm().headerName(), checksum.base64());
      h.put("x-amz-checksum-type", checksum.type().name());
    }
    return h;
  }

  /**
   * Applies the {@code response-*} query overrides to {@code headers}. S3 refuses them on anonymous
   * requests.
   */
  static void applyOverrides(
      Map<String, String> headers, Function<String, String> param, boolean anonymous) {
    for (Map.Entry<String, String> o : RESPONSE_OVERRIDES.entrySet()) {
      String value = param.apply(o.getKey());
      if (value == null) continue;
      if (anonymous) {
        throw new S3Exception(
            S3ErrorCode.INVALID_REQUEST,
            "Request specific response headers cannot be used for anonymous GET requests.");
      }
      headers.put(o.getValue(), headerSafe(value));
    }
  }

  /**
   * A value as S3 sends it in a header: unchanged when printable US-ASCII, else RFC 2047 encoded
   * ({@code =?UTF-8?B?…?=}).
   */
  static String headerSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c > 0x7E) {
        return "=?UTF-8?B?"
            + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
            + "?=";
      }
    }
    return value;
  }

  private static void putIfSet(Map<String, String> h, String name, @Nullable String value) {
    if (value != null) h.put(name, value);
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i].toLowerCase(Locale.ROOT), kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
