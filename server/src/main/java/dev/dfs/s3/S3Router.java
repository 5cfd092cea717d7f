package dev.dfs.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves an HTTP request into an {@link S3Request}: operation, bucket, key and query, in both
 * path style ({@code /bucket/key}) and virtual-host style ({@code bucket.<domain>/key}). Pure
 * and thread-safe.
 */
public final class S3Router {
  /** Bucket sub-resources DFS recognises but does not serve yet. */
  static final Set<String> UNSUPPORTED_BUCKET_SUBRESOURCES = Set.of(
      "website", "logging", "notification", "replication", "requestPayment",
      "accelerate", "analytics", "inventory", "metrics", "intelligent-tiering",
      "metadataTable", "session");

  /** Object sub-resources DFS recognises but does not serve yet. */
  static final Set<String> UNSUPPORTED_OBJECT_SUBRESOURCES = Set.of(
      "attributes", "torrent", "restore", "select",
      "renameObject");

  /** Longest key S3 accepts, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  private final String domain;

  /**
   * @param domain the base domain for virtual-host-style requests (e.g. {@code s3.example.com}),
   *     or null to accept path style only
   */
  public S3Router(String domain) {
    this.domain = domain == null || domain.isBlank() ? null : domain.toLowerCase(Locale.ROOT);
  }

  /**
   * @param method HTTP method, upper case
   * @param host the Host header (may include a port), or null
   * @param rawPath the path as sent, percent-encoded
   * @param rawQuery the query string as sent, or null
   * @param hasCopySource whether {@code x-amz-copy-source} is present
   * @throws S3Exception for malformed paths, over-long keys and unsupported method/resource
   *     combinations
   */
  public S3Request route(
      String method, String host, String rawPath, String rawQuery, boolean hasCopySource) {
    Map<String, String> query = parseQuery(rawQuery);
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    if (path.charAt(0) != '/') {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Request path must start with '/'.");
    }
    String bucket;
    String key;
    String hostBucket = bucketFromHost(host);
    if (hostBucket != null) {
      bucket = hostBucket;
      key = percentDecode(path.substring(1));
    } else {
      int slash = path.indexOf('/', 1);
      if (slash < 0) {
        bucket = percentDecode(path.substring(1));
        key = "";
      } else {
        bucket = percentDecode(path.substring(1, slash));
        key = percentDecode(path.substring(slash + 1));
      }
    }
    if (bucket.isEmpty()) {
      bucket = null;
    }
    if (key.isEmpty()) {
      key = null;
    }
    if (key != null && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new S3Exception(S3ErrorCode.KEY_TOO_LONG);
    }
    if (bucket == null) {
      if (!method.equals("GET")) {
        throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      return new S3Request(S3Operation.LIST_BUCKETS, method, null, null, query, null);
    }
    if (method.equals("OPTIONS")) {
      return new S3Request(S3Operation.CORS_PREFLIGHT, method, bucket, key, query, null);
    }
    if (key == null) {
      return routeBucket(method, bucket, query);
    }
    return routeObject(method, bucket, key, query, hasCopySource);
  }

  private S3Request routeBucket(String method, String bucket, Map<String, String> query) {
    String unsupported = firstOf(query, UNSUPPORTED_BUCKET_SUBRESOURCES);
    if (query.containsKey("tagging") && unsupported == null) {
      S3Operation tagging = switch (method) {
        case "GET" -> S3Operation.GET_BUCKET_TAGGING;
        case "PUT" -> S3Operation.PUT_BUCKET_TAGGING;
        case "DELETE" -> S3Operation.DELETE_BUCKET_TAGGING;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(tagging, method, bucket, null, query, null);
    }
    if (query.containsKey("encryption") && unsupported == null) {
      S3Operation encryption = switch (method) {
        case "GET" -> S3Operation.GET_BUCKET_ENCRYPTION;
        case "PUT" -> S3Operation.PUT_BUCKET_ENCRYPTION;
        case "DELETE" -> S3Operation.DELETE_BUCKET_ENCRYPTION;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(encryption, method, bucket, null, query, null);
    }
    if (query.containsKey("cors") && unsupported == null) {
      S3Operation cors = switch (method) {
        case "GET" -> S3Operation.GET_BUCKET_CORS;
        case "PUT" -> S3Operation.PUT_BUCKET_CORS;
        case "DELETE" -> S3Operation.DELETE_BUCKET_CORS;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(cors, method, bucket, null, query, null);
    }
    S3Operation access = unsupported == null ? accessControl(method, query) : null;
    if (access != null) return new S3Request(access, method, bucket, null, query, null);
    if (query.containsKey("policy") && unsupported == null) {
      S3Operation policy = switch (method) {
        case "GET" -> S3Operation.GET_BUCKET_POLICY;
        case "PUT" -> S3Operation.PUT_BUCKET_POLICY;
        case "DELETE" -> S3Operation.DELETE_BUCKET_POLICY;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(policy, method, bucket, null, query, null);
    }
    if (query.containsKey("policyStatus") && unsupported == null) {
      if (!method.equals("GET")) throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      return new S3Request(S3Operation.GET_BUCKET_POLICY_STATUS, method, bucket, null, query, null);
    }
    if (query.containsKey("lifecycle") && unsupported == null) {
      S3Operation lifecycle = switch (method) {
        case "GET" -> S3Operation.GET_BUCKET_LIFECYCLE_CONFIGURATION;
        case "PUT" -> S3Operation.PUT_BUCKET_LIFECYCLE_CONFIGURATION;
        case "DELETE" -> S3Operation.DELETE_BUCKET_LIFECYCLE;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(lifecycle, method, bucket, null, query, null);
    }
    if (query.containsKey("object-lock") && unsupported == null) {
      S3Operation lock = switch (method) {
        case "GET" -> S3Operation.GET_OBJECT_LOCK_CONFIGURATION;
        case "PUT" -> S3Operation.PUT_OBJECT_LOCK_CONFIGURATION;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(lock, method, bucket, null, query, null);
    }
    if (query.containsKey("versions") && unsupported == null) {
      if (!method.equals("GET")) throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      return new S3Request(S3Operation.LIST_OBJECT_VERSIONS, method, bucket, null, query, null);
    }
    S3Operation op = switch (method) {
      case "GET" -> {
        if (query.containsKey("location")) yield S3Operation.GET_BUCKET_LOCATION;
        if (query.containsKey("versioning")) yield S3Operation.GET_BUCKET_VERSIONING;
        if (query.containsKey("uploads")) yield S3Operation.LIST_MULTIPART_UPLOADS;
        if (unsupported != null) yield S3Operation.UNSUPPORTED_BUCKET_SUBRESOURCE;
        yield "2".equals(query.get("list-type"))
            ? S3Operation.LIST_OBJECTS_V2
            : S3Operation.LIST_OBJECTS;
      }
      case "HEAD" -> S3Operation.HEAD_BUCKET;
      case "PUT" -> {
        if (query.containsKey("versioning")) yield S3Operation.PUT_BUCKET_VERSIONING;
        yield unsupported != null
            ? S3Operation.UNSUPPORTED_BUCKET_SUBRESOURCE
            : S3Operation.CREATE_BUCKET;
      }
      case "DELETE" -> unsupported != null
          ? S3Operation.UNSUPPORTED_BUCKET_SUBRESOURCE
          : S3Operation.DELETE_BUCKET;
      case "POST" -> {
        if (query.containsKey("delete")) yield S3Operation.DELETE_OBJECTS;
        if (unsupported != null) yield S3Operation.UNSUPPORTED_BUCKET_SUBRESOURCE;
        yield S3Operation.POST_OBJECT;
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    };
    String sub = op == S3Operation.UNSUPPORTED_BUCKET_SUBRESOURCE ? unsupported : null;
    return new S3Request(op, method, bucket, null, query, sub);
  }

  /** {@code ?acl}, {@code ?ownershipControls}, {@code ?publicAccessBlock} on a bucket, or null. */
  private static S3Operation accessControl(String method, Map<String, String> query) {
    if (query.containsKey("acl")) {
      return switch (method) {
        case "GET" -> S3Operation.GET_BUCKET_ACL;
        case "PUT" -> S3Operation.PUT_BUCKET_ACL;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
    }
    if (query.containsKey("ownershipControls")) {
      return switch (method) {
        case "GET" -> S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS;
        case "PUT" -> S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS;
        case "DELETE" -> S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
    }
    if (query.containsKey("publicAccessBlock")) {
      return switch (method) {
        case "GET" -> S3Operation.GET_PUBLIC_ACCESS_BLOCK;
        case "PUT" -> S3Operation.PUT_PUBLIC_ACCESS_BLOCK;
        case "DELETE" -> S3Operation.DELETE_PUBLIC_ACCESS_BLOCK;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
    }
    return null;
  }

  private static S3Request routeObject(
      String method, String bucket, String key, Map<String, String> query, boolean copySource) {
    boolean uploadId = query.containsKey("uploadId");
    String unsupported = firstOf(query, UNSUPPORTED_OBJECT_SUBRESOURCES);
    if (query.containsKey("tagging") && unsupported == null && !uploadId) {
      S3Operation tagging = switch (method) {
        case "GET" -> S3Operation.GET_OBJECT_TAGGING;
        case "PUT" -> S3Operation.PUT_OBJECT_TAGGING;
        case "DELETE" -> S3Operation.DELETE_OBJECT_TAGGING;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(tagging, method, bucket, key, query, null);
    }
    if (query.containsKey("acl") && unsupported == null && !uploadId) {
      S3Operation acl = switch (method) {
        case "GET" -> S3Operation.GET_OBJECT_ACL;
        case "PUT" -> S3Operation.PUT_OBJECT_ACL;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(acl, method, bucket, key, query, null);
    }
    if ((query.containsKey("retention") || query.containsKey("legal-hold")) && unsupported == null
        && !uploadId) {
      boolean retention = query.containsKey("retention");
      S3Operation lock = switch (method) {
        case "GET" -> retention ? S3Operation.GET_OBJECT_RETENTION : S3Operation.GET_OBJECT_LEGAL_HOLD;
        case "PUT" -> retention ? S3Operation.PUT_OBJECT_RETENTION : S3Operation.PUT_OBJECT_LEGAL_HOLD;
        default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      };
      return new S3Request(lock, method, bucket, key, query, null);
    }
    S3Operation op = switch (method) {
      case "GET" -> {
        if (uploadId) yield S3Operation.LIST_PARTS;
        yield unsupported != null
            ? S3Operation.UNSUPPORTED_OBJECT_SUBRESOURCE
            : S3Operation.GET_OBJECT;
      }
      case "HEAD" -> S3Operation.HEAD_OBJECT;
      case "PUT" -> {
        if (uploadId || query.containsKey("partNumber")) {
          yield copySource ? S3Operation.UPLOAD_PART_COPY : S3Operation.UPLOAD_PART;
        }
        if (unsupported != null) yield S3Operation.UNSUPPORTED_OBJECT_SUBRESOURCE;
        yield copySource ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
      }
      case "DELETE" -> {
        if (uploadId) yield S3Operation.ABORT_MULTIPART_UPLOAD;
        yield unsupported != null
            ? S3Operation.UNSUPPORTED_OBJECT_SUBRESOURCE
            : S3Operation.DELETE_OBJECT;
      }
      case "POST" -> {
        if (query.containsKey("uploads")) yield S3Operation.CREATE_MULTIPART_UPLOAD;
        if (uploadId) yield S3Operation.COMPLETE_MULTIPART_UPLOAD;
        if (unsupported != null) yield S3Operation.UNSUPPORTED_OBJECT_SUBRESOURCE;
        throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
      }
      default -> throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
    };
    String sub = op == S3Operation.UNSUPPORTED_OBJECT_SUBRESOURCE ? unsupported : null;
    return new S3Request(op, method, bucket, key, query, sub);
  }

  private String bucketFromHost(String host) {
    if (domain == null || host == null) return null;
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) return null;
    int colon = h.lastIndexOf(':');
    if (colon >= 0) h = h.substring(0, colon);
    if (h.length() > domain.length() + 1 && h.endsWith("." + domain)) {
      return h.substring(0, h.length() - domain.length() - 1);
    }
    return null;
  }

  private static String firstOf(Map<String, String> query, Set<String> names) {
    for (String name : query.keySet()) {
      if (names.contains(name)) return name;
    }
    return null;
  }

  /** Decodes a query string: {@code +} is a space, percent escapes are UTF-8. First value wins. */
  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return out;
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
      out.putIfAbsent(name, value);
    }
    return out;
  }

  private static String formDecode(String s) {
    return percentDecode(s.replace('+', ' '));
  }

  /**
   * Decodes percent escapes as UTF-8; {@code +} stays {@code +} (in a path it is a literal plus,
   * as RFC 3986 says and SDKs assume: they send a space as {@code %20}).
   *
   * @throws S3Exception InvalidURI for a truncated or non-hex escape, or escapes that do not
   *     form valid UTF-8
   */
  public static String percentDecode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? hexValue(s.charAt(i + 1)) : -1;
        int lo = i + 2 < s.length() ? hexValue(s.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
          throw new S3Exception(S3ErrorCode.INVALID_URI, "Invalid percent-encoding in URI.");
        }
        out.write((hi << 4) | lo);
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new S3Exception(S3ErrorCode.INVALID_URI, "The URI is not valid UTF-8.");
    }
  }

  /** The value of an ASCII hex digit, else -1 ({@link Character#digit} accepts other scripts). */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
