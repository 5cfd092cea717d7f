package dev.dfs.s3;

import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.MultipartChecksums;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartsPage;
import dev.dfs.store.UploadInfo;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The object checksum a CompleteMultipartUpload may claim ({@code x-amz-checksum-<alg>}, with
 * {@code x-amz-checksum-type}), checked before anything is committed: on an upload with a checksum
 * algorithm, the algorithm and type must be the upload's (400 InvalidRequest), and the value must
 * be the checksum the parts make up, full-object or composite ({@code base64-N}; the {@code -N} may
 * be left off), else 400 BadDigest. Reads the upload's parts only when a value is claimed.
 * Thread-safe.
 */
final class CompleteChecksumClaim {
  private static final int PAGE = 1000;

  private CompleteChecksumClaim() {}

  static void check(
      Function<String, String> header,
      UploadInfo upload,
      List<CompletedPart> parts,
      ObjectStore store)
      throws IOException {
    checkType(header.apply("x-amz-checksum-type"), upload);
    ChecksumAlgorithm claimed = null;
    for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
      if (header.apply(a.headerName()) == null) continue;
      if (claimed != null) {
        throw invalidRequest(
            "Expecting a single x-amz-checksum- header."
                + " Multiple checksum Types are not allowed.");
      }
      claimed = a;
    }
    // Without an upload algorithm there are no part checksums to check a claim against; such a
    // header is then taken as a checksum of the request body (the console sends one), not refused.
    if (claimed == null || upload.checksumAlgorithm() == null) return;
    if (claimed != upload.checksumAlgorithm()) {
      throw invalidRequest(
          "The upload was created using the "
              + lower(upload.checksumAlgorithm())
              + " checksum algorithm but the complete request"
              + " specified "
              + lower(claimed)
              + ".");
    }
    Checksum expected = expected(upload, claimed, parts, store);
    // a part that is missing or has no checksum: completion itself answers InvalidPart
    String value = expected == null ? null : expected.base64();
    if (value == null) return;
    if (!bare(value).equals(bare(header.apply(claimed.headerName()).trim()))) {
      throw new S3Exception(S3ErrorCode.BAD_DIGEST, ChecksumHeaders.mismatchMessage(claimed));
    }
  }

  private static void checkType(@Nullable String typeHeader, UploadInfo upload) {
    if (typeHeader == null) return;
    String type = typeHeader.trim().toUpperCase(Locale.ROOT);
    Checksum.Type own = upload.checksumType();
    if (own == null || !own.name().equals(type)) {
      throw invalidRequest(
          "The upload was created using the "
              + (own == null ? "no" : own.name())
              + " checksum type but the complete request"
              + " specified "
              + type
              + ".");
    }
  }

  /** The checksum the listed parts make up, or null when one is missing or has none. */
  private static @Nullable Checksum expected(
      UploadInfo upload, ChecksumAlgorithm algorithm, List<CompletedPart> parts, ObjectStore store)
      throws IOException {
    Map<Integer, PartInfo> stored = storedParts(upload, store);
    List<byte[]> checksums = new ArrayList<>(parts.size());
    List<Long> sizes = new ArrayList<>(parts.size());
    for (CompletedPart p : parts) {
      PartInfo info = stored.get(p.partNumber());
      if (info == null || info.checksum() == null) return null;
      checksums.add(Base64.getDecoder().decode(info.checksum().base64()));
      sizes.add(info.size());
    }
    if (checksums.isEmpty()) return null;
    return MultipartChecksums.combine(algorithm, upload.checksumType(), checksums, sizes);
  }

  private static Map<Integer, PartInfo> storedParts(UploadInfo upload, ObjectStore store)
      throws IOException {
    Map<Integer, PartInfo> out = new HashMap<>();
    int marker = 0;
    PartsPage page;
    do {
      page = store.listParts(upload.bucket(), upload.key(), upload.uploadId(), marker, PAGE);
      for (PartInfo p : page.parts()) out.put(p.partNumber(), p);
      marker = page.nextPartNumberMarker();
    } while (page.truncated());
    return out;
  }

  /** A checksum without a composite's {@code -N} suffix. */
  private static String bare(String base64) {
    int dash = base64.indexOf('-');
    return dash < 0 ? base64 : base64.substring(0, dash);
  }

  private static String lower(ChecksumAlgorithm a) {
    return a.wireName().toLowerCase(Locale.ROOT);
  }

  private static S3Exception invalidRequest(String message) {
    return new S3Exception(S3ErrorCode.INVALID_REQUEST, message);
  }
}
