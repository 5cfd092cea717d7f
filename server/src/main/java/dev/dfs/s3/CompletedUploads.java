package dev.dfs.s3;

import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectStore;
import dev.dfs.util.Hex;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recognises a retried CompleteMultipartUpload of an upload that already completed (an SDK retries
 * after a lost response): the store still remembers the version the upload produced ({@link
 * ObjectStore#completedUpload}) and the retry names the same parts, i.e. their ETags give that
 * version's multipart ETag {@code hex(md5(md5s))-N}. Then the answer is the first completion's
 * result instead of NoSuchUpload, as S3 answers. Thread-safe.
 */
final class CompletedUploads {
  private CompletedUploads() {}

  /** The version to answer the retry with, or empty when it is not a retry of a completion. */
  static Optional<ObjectInfo> find(
      ObjectStore store,
      String bucket,
      String key,
      String uploadId,
      List<MultipartXml.RequestedPart> parts)
      throws IOException {
    if (uploadId == null || uploadId.isEmpty() || parts.isEmpty()) return Optional.empty();
    Optional<String> etag = multipartEtag(parts);
    if (etag.isEmpty()) return Optional.empty();
    return store
        .completedUpload(bucket, key, uploadId)
        .filter(info -> etag.get().equals(info.etag()));
  }

  /** {@code hex(md5(concat(binary part md5s)))-N}, or empty if a part ETag is not an MD5. */
  static Optional<String> multipartEtag(List<MultipartXml.RequestedPart> parts) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
    for (MultipartXml.RequestedPart p : parts) {
      String hex = unquote(p.etag());
      if (hex == null || !hex.matches("[0-9a-f]{32}")) return Optional.empty();
      md5.update(Hex.decode(hex));
    }
    return Optional.of(Hex.encode(md5.digest()) + "-" + parts.size());
  }

  private static @Nullable String unquote(String etag) {
    if (etag == null) return null;
    String e = etag.trim();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\""))
      e = e.substring(1, e.length() - 1);
    return e.toLowerCase(Locale.ROOT);
  }
}
