package dev.dfs.store;

import dev.dfs.util.ChecksumAlgorithm;
import dev.dfs.util.CrcCombine;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checksum of a multipart object from its parts' checksums, as S3 defines it: COMPOSITE is the
 * algorithm over the concatenated raw part checksums, suffixed {@code -N}; FULL_OBJECT is the CRC
 * of the whole object, combined from the parts' CRCs and sizes without the data. One definition for
 * the engines that complete uploads and for the protocol layer that checks a client's claimed
 * value. Pure and thread-safe.
 */
public final class MultipartChecksums {
  private MultipartChecksums() {}

  /**
   * @param partChecksums each part's raw checksum in part order (none null, at least one)
   * @param partSizes each part's size in bytes, same order
   * @throws IllegalArgumentException for FULL_OBJECT with an algorithm that is not a CRC
   */
  public static Checksum combine(
      ChecksumAlgorithm algorithm,
      Checksum.@Nullable Type type,
      List<byte[]> partChecksums,
      List<Long> partSizes) {
    if (type == Checksum.Type.FULL_OBJECT) {
      CrcCombine crc = CrcCombine.of(algorithm);
      if (crc == null)
        throw new IllegalArgumentException("FULL_OBJECT needs a CRC, not " + algorithm);
      long v = crc.fromBytes(partChecksums.get(0));
      for (int i = 1; i < partChecksums.size(); i++) {
        v = crc.combine(v, crc.fromBytes(partChecksums.get(i)), partSizes.get(i));
      }
      return new Checksum(algorithm, base64(crc.toBytes(v)), Checksum.Type.FULL_OBJECT);
    }
    ChecksumAlgorithm.RunningChecksum c = algorithm.newChecksum();
    for (byte[] p : partChecksums) c.update(p, 0, p.length);
    return new Checksum(
        algorithm, c.finishBase64() + "-" + partChecksums.size(), Checksum.Type.COMPOSITE);
  }

  private static String base64(byte[] raw) {
    return Base64.getEncoder().encodeToString(raw);
  }
}
