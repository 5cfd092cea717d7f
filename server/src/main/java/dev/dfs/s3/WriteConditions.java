package dev.dfs.s3;

import dev.dfs.store.WriteCondition;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the conditional-write headers of PutObject and CompleteMultipartUpload: {@code
 * If-None-Match: *} (only if absent), {@code If-None-Match: <etag>} (only if the current object is
 * not that one; a missing key passes, as Ceph RGW and MinIO do, where S3 answers NotImplemented)
 * and {@code If-Match: <etag>} or {@code If-Match: *} (only if the current object is that one, or
 * any; a missing key is 404 NoSuchKey). Pure.
 */
final class WriteConditions {
  private WriteConditions() {}

  static WriteCondition from(Function<String, String> header) {
    String noneMatch = trimmed(header.apply("If-None-Match"), "If-None-Match");
    String match = trimmed(header.apply("If-Match"), "If-Match");
    if (noneMatch == null && match == null) return WriteCondition.NONE;
    boolean absentOnly = "*".equals(noneMatch);
    return new WriteCondition(absentOnly, match, absentOnly ? null : noneMatch);
  }

  private static @Nullable String trimmed(String value, String name) {
    if (value == null) return null;
    if (value.isBlank()) {
      throw S3Exception.invalidArgument(name + " must name an ETag or '*'.", name, value);
    }
    return value.trim();
  }
}
