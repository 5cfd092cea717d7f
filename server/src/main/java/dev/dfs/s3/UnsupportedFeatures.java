package dev.dfs.s3;

import java.util.List;

/**
 * Refuses requests that ask for a feature DFS cannot honour yet, with NotImplemented, instead of
 * silently ignoring the header: an object a client asked to treat specially (give it a website
 * redirect, write it only if absent) must not be stored as if it had been. Pure and thread-safe.
 */
final class UnsupportedFeatures {
  private UnsupportedFeatures() {}

  /** Header prefixes that request a feature on writes, and what the feature is called. */
  private static final List<String[]> WRITE_HEADERS =
      List.<String[]>of(new String[] {"x-amz-website-redirect-location", "website redirects"});

  /** Throws NotImplemented when {@code ex} asks for something DFS does not do. */
  static void check(S3Exchange ex) {
    switch (ex.s3().operation()) {
      case PUT_OBJECT, COPY_OBJECT, CREATE_MULTIPART_UPLOAD -> {
        checkWriteHeaders(ex);
        if (ex.s3().operation() != S3Operation.PUT_OBJECT) checkConditionalWrite(ex);
      }
      default -> {}
    }
  }

  /** Answers a sub-resource DFS knows but does not serve yet: NotImplemented, naming it. */
  static void subresource(S3Exchange ex) {
    if ("torrent".equals(ex.s3().subresource())) {
      // as S3 in the regions without BitTorrent: there is no torrent to be had
      throw new S3Exception(S3ErrorCode.NO_SUCH_KEY, "DFS serves no torrent files.")
          .with("Key", ex.objectKey());
    }
    throw new S3Exception(
        S3ErrorCode.NOT_IMPLEMENTED,
        "DFS does not implement the '" + ex.s3().subresource() + "' sub-resource yet.");
  }

  private static void checkWriteHeaders(S3Exchange ex) {
    for (var field : ex.headers()) {
      String name = field.getLowerCaseName();
      for (String[] rule : WRITE_HEADERS) {
        if (name.startsWith(rule[0])) {
          throw notImplemented(rule[1]);
        }
      }
    }
  }

  /** DFS checks write conditions on PutObject and CompleteMultipartUpload only. */
  private static void checkConditionalWrite(S3Exchange ex) {
    if (ex.header("If-None-Match") != null || ex.header("If-Match") != null) {
      throw notImplemented(
          "conditional writes on "
              + ex.s3().operation().name()
              + " (PutObject and CompleteMultipartUpload take them)");
    }
  }

  private static S3Exception notImplemented(String feature) {
    return new S3Exception(
        S3ErrorCode.NOT_IMPLEMENTED, "DFS does not implement " + feature + " yet.");
  }
}
