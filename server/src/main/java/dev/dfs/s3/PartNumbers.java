package dev.dfs.s3;

import org.jspecify.annotations.Nullable;

/** The {@code partNumber} query parameter of GetObject, HeadObject and UploadPart. Pure. */
final class PartNumbers {
  private PartNumbers() {}

  /** Parses {@code partNumber}: null when absent, 1..10000 else InvalidArgument. */
  static @Nullable Integer parse(@Nullable String value) {
    if (value == null) return null;
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MultipartXml.MAX_PART_NUMBER) return n;
    } catch (NumberFormatException ignored) {
      // falls through
    }
    throw S3Exception.invalidArgument(
        "Part number must be an integer between 1 and 10000, inclusive", "partNumber", value);
  }
}
