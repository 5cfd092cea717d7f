package dev.dfs.store;

import dev.dfs.util.ChecksumAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * An additional checksum of an object or part, base64 as S3 sends it. For multipart objects {@code
 * type} is COMPOSITE (checksum of the parts' checksums, value suffixed {@code -N}) or FULL_OBJECT.
 */
public record Checksum(ChecksumAlgorithm algorithm, @Nullable String base64, Type type) {
  public enum Type {
    FULL_OBJECT,
    COMPOSITE
  }
}
