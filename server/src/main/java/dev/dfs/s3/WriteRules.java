package dev.dfs.s3;

import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Request rules that PutObject, CopyObject, UploadPart and UploadPartCopy share: body size, copy
 * source, checksum algorithm and metadata directive. Pure (but for the source lookup) and
 * thread-safe.
 */
final class WriteRules {
  private WriteRules() {}

  /** Largest object a single PUT (or CopyObject, or one part) may carry: 5 GiB, as S3. */
  static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;

  /**
   * The body length of a PUT or UploadPart: -1 for an HTTP chunked body without Content-Length (Go
   * and Rust SDKs, {@code curl -T -}), which is read to its end ({@link #body}); 411
   * MissingContentLength when unknown otherwise; EntityTooLarge beyond 5 GiB (checked before a byte
   * is read).
   */
  static long requireBodyLength(S3Exchange ex) {
    long length = ex.bodyLength();
    if (length < 0) {
      if (httpChunked(ex)) return -1;
      throw new S3Exception(S3ErrorCode.MISSING_CONTENT_LENGTH);
    }
    if (length > MAX_SINGLE_PUT_BYTES) {
      throw new S3Exception(S3ErrorCode.ENTITY_TOO_LARGE)
          .with("ProposedSize", Long.toString(length))
          .with("MaxSizeAllowed", Long.toString(MAX_SINGLE_PUT_BYTES));
    }
    return length;
  }

  /**
   * The verified body of a PUT or UploadPart whose length {@link #requireBodyLength} returned: one
   * of unknown length fails with EntityTooLarge past 5 GiB.
   */
  static java.io.InputStream body(S3Exchange ex, long length) {
    return length < 0 ? new BoundedBody(ex.body(), MAX_SINGLE_PUT_BYTES) : ex.body();
  }

  private static boolean httpChunked(S3Exchange ex) {
    String te = ex.header("Transfer-Encoding");
    return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
  }

  /**
   * The current source object of a copy, after its {@code x-amz-copy-source-if-*} conditions held.
   * NoSuchKey when missing, 412 when a condition fails.
   */
  static ObjectInfo copySourceObject(ObjectStore store, S3Exchange ex, CopySource src)
      throws IOException {
    ObjectInfo source =
        store
            .head(new ObjectRef(src.bucket(), src.key(), src.versionId()))
            .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_KEY).with("Key", src.key()));
    if (source.deleteMarker()) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "The source of a copy request may not specifically refer to a delete marker by version id.");
    }
    Conditionals.ofCopySource(ex).checkCopySource(source.etag(), source.lastModified());
    return source;
  }

  /** S3 copies at most 5 GiB in one request. */
  static void checkCopySize(long bytes) {
    if (bytes > MAX_SINGLE_PUT_BYTES) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "The specified copy source is larger"
              + " than the maximum allowable size for a copy source: "
              + MAX_SINGLE_PUT_BYTES);
    }
  }

  /** {@code x-amz-checksum-algorithm}: null when absent; InvalidRequest when unknown. */
  static @Nullable ChecksumAlgorithm checksumAlgorithm(String header) {
    if (header == null) return null;
    return ChecksumAlgorithm.fromWireName(header)
        .orElseThrow(
            () ->
                new S3Exception(
                    S3ErrorCode.INVALID_REQUEST,
                    "Checksum algorithm provided is unsupported. Please try again with any of the valid"
                        + " types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
  }

  /** {@code x-amz-metadata-directive}: true for REPLACE, false for COPY or absent. */
  static boolean replaceMetadata(String directive) {
    if (directive == null) return false;
    return switch (directive.trim().toUpperCase(Locale.ROOT)) {
      case "COPY" -> false;
      case "REPLACE" -> true;
      default ->
          throw S3Exception.invalidArgument(
              "Unknown metadata directive.", "x-amz-metadata-directive", directive);
    };
  }
}
