package dev.dfs.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses a signed request that carries {@code x-amz-*} headers its signature does not cover, as S3
 * does: 403 AccessDenied "There were headers present in the request which were not signed" with a
 * {@code HeadersNotSigned} element naming them. Without this rule a captured or handed-out
 * signature (a presigned upload URL above all) could be replayed with an added {@code
 * x-amz-copy-source}, {@code x-amz-meta-*}, {@code x-amz-tagging} or SSE header, and DFS would obey
 * headers the signer never approved. Headers that are not {@code x-amz-*} (e.g. {@code
 * content-type}) may stay unsigned, as in S3. Stateless, thread-safe.
 */
final class UnsignedHeaders {
  static final String MESSAGE = "There were headers present in the request which were not signed";

  private UnsignedHeaders() {}

  /**
   * @param signedHeaders the lower-case names the signature covers
   * @param implicitlySigned names covered by the signature without being listed (see the callers: a
   *     header whose value enters the string to sign anyway)
   * @throws AuthException HEADERS_NOT_SIGNED naming every unsigned {@code x-amz-*} header
   */
  static void check(
      SignedRequest request, List<String> signedHeaders, Set<String> implicitlySigned) {
    Set<String> missing = new TreeSet<>();
    for (String name : request.headers().keySet()) {
      if (!name.startsWith("x-amz-")) continue;
      if (signedHeaders.contains(name) || implicitlySigned.contains(name)) continue;
      missing.add(name);
    }
    if (!missing.isEmpty()) {
      throw new AuthException(
          AuthError.HEADERS_NOT_SIGNED, MESSAGE, String.join(", ", new ArrayList<>(missing)));
    }
  }
}
