package dev.dfs.s3;

import dev.dfs.store.WriteCondition;
import java.util.function.Function;

/**
 * Reads the conditional-write headers of PutObject and CompleteMultipartUpload:
 * {@code If-None-Match: *} (only if absent) and {@code If-Match: <etag>} (only if unchanged).
 * S3 accepts no other If-None-Match value on writes and answers NotImplemented. Pure.
 */
final class WriteConditions {
  private WriteConditions() {}

  static WriteCondition from(Function<String, String> header) {
    String noneMatch = header.apply("If-None-Match");
    String match = header.apply("If-Match");
    if (noneMatch == null && match == null) return WriteCondition.NONE;
    boolean absentOnly = false;
    if (noneMatch != null) {
      if (!noneMatch.trim().equals("*")) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
            "A header you provided implies functionality that is not implemented:"
                + " If-None-Match on writes accepts only '*'.");
      }
      absentOnly = true;
    }
    if (match != null && match.isBlank()) {
      throw S3Exception.invalidArgument("If-Match must name an ETag.", "If-Match", match);
    }
    return new WriteCondition(absentOnly, match == null ? null : match.trim());
  }
}
