package dev.dfs.policy;

import dev.dfs.authz.AccessRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The request context condition keys read: maps a key name (case-insensitive; the tag name after
 * {@code s3:ExistingObjectTag/} and {@code s3:RequestObjectTag/} is case-sensitive) to the
 * request's values for it, or null when the request has none (a missing key).
 *
 * <p>Supported keys: {@code aws:SourceIp}, {@code aws:SecureTransport}, {@code aws:CurrentTime},
 * {@code aws:EpochTime}, {@code aws:username} (absent for anonymous callers), {@code aws:userid}
 * ({@code anonymous} for them), {@code aws:PrincipalType} ({@code Anonymous}, or {@code Account}:
 * every DFS user is its own account), {@code aws:Referer}, {@code aws:UserAgent}, {@code
 * s3:prefix}, {@code s3:delimiter}, {@code s3:max-keys}, {@code s3:x-amz-acl}, {@code
 * s3:x-amz-server-side-encryption}, {@code s3:VersionId}, {@code s3:ExistingObjectTag/<key>} (read
 * from the store only when a condition asks), {@code s3:RequestObjectTag/<key>} and {@code
 * s3:RequestObjectTagKeys} (from {@code x-amz-tagging}), {@code s3:x-amz-copy-source} ({@code
 * bucket/key}, decoded) and every other {@code s3:x-amz-*} key as the request header of that name
 * ({@code s3:x-amz-metadata-directive}, {@code s3:x-amz-grant-read}…, {@code
 * s3:x-amz-server-side-encryption-customer-algorithm}). Other {@code aws:} and {@code s3:} keys are
 * accepted in policies and are always missing.
 */
public final class ContextKeys {
  private static final String EXISTING_TAG = "s3:existingobjecttag/";
  private static final String REQUEST_TAG = "s3:requestobjecttag/";

  /** Keys named after a request header: {@code s3:<header name>}. */
  private static final String HEADER_KEY = "s3:x-amz-";

  private static final Set<String> KNOWN_PREFIXES = Set.of("aws:", "s3:");

  private ContextKeys() {}

  /** Whether a policy may name {@code key} in a condition. */
  public static boolean isValidName(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String p : KNOWN_PREFIXES) {
      if (k.startsWith(p) && k.length() > p.length()) return true;
    }
    return false;
  }

  /**
   * The request's values for {@code key}, or null when missing.
   *
   * @throws IOException when reading the existing object's tags fails
   */
  public static @Nullable List<String> values(String key, AccessRequest r) throws IOException {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.startsWith(EXISTING_TAG)) {
      String v = r.existingObjectTags().get().get(key.substring(EXISTING_TAG.length()));
      return v == null ? null : List.of(v);
    }
    if (k.startsWith(REQUEST_TAG)) {
      Map<String, String> tags = requestTags(r);
      String v = tags == null ? null : tags.get(key.substring(REQUEST_TAG.length()));
      return v == null ? null : List.of(v);
    }
    return switch (k) {
      case "aws:sourceip" -> List.of(r.sourceIp());
      case "aws:securetransport" -> List.of(Boolean.toString(r.secureTransport()));
      case "aws:currenttime" -> r.time() == null ? null : List.of(r.time().toString());
      case "aws:epochtime" ->
          r.time() == null ? null : List.of(Long.toString(r.time().getEpochSecond()));
      case "aws:username" -> r.principal().anonymous() ? null : List.of(r.principal().userId());
      case "aws:userid" -> List.of(r.principal().userId());
      case "aws:principaltype" -> List.of(r.principal().anonymous() ? "Anonymous" : "Account");
      case "aws:referer" -> one(r.header("referer"));
      case "aws:useragent" -> one(r.header("user-agent"));
      case "s3:prefix" -> one(r.query().get("prefix"));
      case "s3:delimiter" -> one(r.query().get("delimiter"));
      case "s3:max-keys" -> one(r.query().get("max-keys"));
      case "s3:versionid" -> one(r.query().get("versionId"));
      case "s3:x-amz-acl" -> one(r.header("x-amz-acl"));
      case "s3:x-amz-server-side-encryption" -> one(r.header("x-amz-server-side-encryption"));
      case "s3:requestobjecttagkeys" -> {
        Map<String, String> tags = requestTags(r);
        yield tags == null || tags.isEmpty() ? null : List.copyOf(tags.keySet());
      }
      case "s3:x-amz-copy-source" -> one(copySource(r.header("x-amz-copy-source")));
      // the other request-header keys S3 defines (x-amz-metadata-directive, x-amz-grant-*,
      // x-amz-server-side-encryption-customer-algorithm, x-amz-storage-class…): the header
      default -> k.startsWith(HEADER_KEY) ? one(r.header(k.substring(3))) : null;
    };
  }

  /**
   * {@code x-amz-copy-source} as S3 compares it: {@code bucket/key}, percent-decoded, without a
   * leading slash or {@code ?versionId=}; null when absent or not decodable.
   */
  private static @Nullable String copySource(@Nullable String header) {
    if (header == null) return null;
    String s = header.strip();
    int q = s.indexOf('?');
    if (q >= 0) s = s.substring(0, q);
    if (s.startsWith("/")) s = s.substring(1);
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable List<String> one(@Nullable String v) {
    return v == null ? null : List.of(v);
  }

  /** The tags of {@code x-amz-tagging} (URL-encoded {@code k=v&…}), or null when absent/bad. */
  private static @Nullable Map<String, String> requestTags(AccessRequest r) {
    String h = r.header("x-amz-tagging");
    if (h == null) return null;
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (String pair : h.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(name, value);
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return out;
  }

  /**
   * Expands policy variables {@code ${key}} in {@code s} with the request's single value for the
   * key; {@code ${*}}, {@code ${?}} and {@code ${$}} stand for those characters. Returns null when
   * a variable has no value (the pattern then matches nothing), {@code s} itself when it holds no
   * variable.
   */
  static @Nullable String expand(String s, AccessRequest r) throws IOException {
    int start = s.indexOf("${");
    if (start < 0) return s;
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (start >= 0) {
      int end = s.indexOf('}', start);
      if (end < 0) break;
      b.append(s, i, start);
      String name = s.substring(start + 2, end);
      switch (name) {
        case "*", "?", "$" -> b.append(name);
        default -> {
          List<String> v = values(name, r);
          if (v == null || v.size() != 1) return null;
          b.append(v.get(0));
        }
      }
      i = end + 1;
      start = s.indexOf("${", i);
    }
    b.append(s.substring(i));
    return b.toString();
  }
}
