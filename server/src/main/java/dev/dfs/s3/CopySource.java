package dev.dfs.s3;

import org.jspecify.annotations.Nullable;

/**
 * The object named by {@code x-amz-copy-source}: {@code bucket/key} or {@code /bucket/key},
 * percent-encoded, optionally followed by {@code ?versionId=…}. Immutable.
 *
 * @param versionId the requested source version, or null
 */
record CopySource(String bucket, String key, @Nullable String versionId) {

  static CopySource parse(String header) {
    if (header == null || header.isBlank()) {
      throw invalid(header);
    }
    String raw = header.trim();
    String versionId = null;
    int q = raw.indexOf('?');
    if (q >= 0) {
      String query = raw.substring(q + 1);
      raw = raw.substring(0, q);
      for (String pair : query.split("&")) {
        if (pair.startsWith("versionId=")) {
          versionId = UriCodec.percentDecode(pair.substring("versionId=".length()));
        }
      }
    }
    String path = UriCodec.percentDecode(raw);
    if (path.startsWith("/")) path = path.substring(1);
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw invalid(header);
    }
    String key = path.substring(slash + 1);
    ObjectKeys.checkLength(key);
    return new CopySource(path.substring(0, slash), key, versionId);
  }

  private static S3Exception invalid(String header) {
    return S3Exception.invalidArgument(
        "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
        "x-amz-copy-source",
        header);
  }
}
