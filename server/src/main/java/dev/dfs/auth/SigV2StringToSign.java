package dev.dfs.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The string a Signature Version 2 signature covers, exactly as the S3 guide "Signing and
 * authenticating REST requests" builds it:
 *
 * <pre>
 * HTTP-Verb \n Content-MD5 \n Content-Type \n Date-or-Expires \n
 * CanonicalizedAmzHeaders CanonicalizedResource
 * </pre>
 *
 * CanonicalizedAmzHeaders: every {@code x-amz-*} header, name lower-case, sorted, repeated values
 * joined by commas, folded lines unfolded, spaces around the value trimmed, each line ended by a
 * newline. CanonicalizedResource: {@code /bucket} for a virtual-host-style request, then the path
 * exactly as sent (still percent-encoded), then the sub-resources the request names, sorted, with
 * their decoded values ({@code ?acl&versionId=…}). Pure and thread-safe.
 */
final class SigV2StringToSign {
  /**
   * Query parameters that belong to the signed resource: the list of the S3 guide (acl, lifecycle,
   * location, logging, notification, partNumber, policy, requestPayment, torrent, uploadId,
   * uploads, versionId, versioning, versions, website), the response-header overrides and {@code
   * delete} it names, and the sub-resources S3 added later that the SDKs sign (cors, tagging,
   * restore, replication, encryption, object lock …). Every other query parameter (prefix, marker,
   * max-keys …) is outside the signature, as in S3.
   */
  static final Set<String> SUBRESOURCES =
      Set.of(
          "accelerate",
          "acl",
          "analytics",
          "attributes",
          "cors",
          "delete",
          "encryption",
          "intelligent-tiering",
          "inventory",
          "legal-hold",
          "lifecycle",
          "location",
          "logging",
          "metrics",
          "notification",
          "object-lock",
          "ownershipControls",
          "partNumber",
          "policy",
          "policyStatus",
          "publicAccessBlock",
          "replication",
          "requestPayment",
          "response-cache-control",
          "response-content-disposition",
          "response-content-encoding",
          "response-content-language",
          "response-content-type",
          "response-expires",
          "restore",
          "retention",
          "select",
          "select-type",
          "storageClass",
          "tagging",
          "torrent",
          "uploadId",
          "uploads",
          "versionId",
          "versioning",
          "versions",
          "website");

  /** Folding whitespace of a header value spread over lines (RFC 2616 4.2). */
  private static final Pattern FOLD = Pattern.compile("\\s*\\r?\\n\\s*");

  private SigV2StringToSign() {}

  /**
   * @param dateLine the fourth line: the Date header, empty when x-amz-date is sent, or the {@code
   *     Expires} value of a presigned URL
   */
  static String build(SignedRequest request, QueryString query, String dateLine) {
    StringBuilder s = new StringBuilder(256);
    s.append(request.method()).append('\n');
    s.append(orEmpty(request.header("content-md5"))).append('\n');
    s.append(orEmpty(request.header("content-type"))).append('\n');
    s.append(dateLine).append('\n');
    s.append(amzHeaders(request.headers()));
    s.append(resource(request, query));
    return s.toString();
  }

  /** CanonicalizedAmzHeaders: one {@code name:value\n} line per x-amz-* header, sorted. */
  static String amzHeaders(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> amz = new TreeMap<>();
    headers.forEach(
        (name, values) -> {
          if (name.startsWith("x-amz-")) amz.put(name, values);
        });
    StringBuilder out = new StringBuilder();
    amz.forEach(
        (name, values) -> {
          List<String> cleaned = new ArrayList<>(values.size());
          for (String v : values) cleaned.add(unfold(v));
          out.append(name).append(':').append(String.join(",", cleaned)).append('\n');
        });
    return out.toString();
  }

  /** CanonicalizedResource (see the class comment). */
  static String resource(SignedRequest request, QueryString query) {
    StringBuilder r = new StringBuilder();
    if (request.virtualHostBucket() != null) r.append('/').append(request.virtualHostBucket());
    String path =
        request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
    r.append(path);
    TreeMap<String, String> sub = new TreeMap<>();
    for (QueryString.Param p : query.params()) {
      String name = p.name();
      // an empty value is signed as the bare name ("?acl"), as the SDKs and S3 do
      if (SUBRESOURCES.contains(name))
        sub.putIfAbsent(name, p.value().isEmpty() ? null : p.value());
    }
    char sep = '?';
    for (Map.Entry<String, String> e : sub.entrySet()) {
      r.append(sep).append(e.getKey());
      if (e.getValue() != null) r.append('=').append(e.getValue());
      sep = '&';
    }
    return r.toString();
  }

  private static String unfold(String value) {
    return FOLD.matcher(value).replaceAll(" ").strip();
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
