package dev.dfs.store.local;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.ChecksumAlgorithm;
import dev.dfs.util.CrcCombine;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Checks the bytes of a read that covers a whole object against the full-object checksum its record
 * keeps, so bytes that each pass their block check but do not make up the object that was written
 * (a record pointing at the wrong data, a part from elsewhere) are still refused. Fed each block in
 * order with its data CRC32C (already computed by {@link ChunkReader}); the reader calls {@link
 * #finish} before handing out the last bytes, so a failed check leaves the response short instead
 * of complete.
 *
 * <p>Cost decides what is checked. CRC32C: combined from the blocks' CRCs ({@link CrcCombine}), no
 * pass over the data. CRC32: one intrinsic CRC pass over bytes already in cache. Other checksums
 * (CRC64NVME, SHA-1, SHA-256, composite multipart checksums) and the MD5 ETag are not checked on
 * reads (an extra pass at a few hundred MB/s would cap the GET there); their objects keep the
 * per-block checks bound to chunk and position. Not thread-safe.
 */
final class WholeObjectCheck {
  private final String object;
  private final ChecksumAlgorithm algorithm;
  private final long expected;
  private final long size;
  private final @Nullable CRC32 crc32;
  private long combined;
  private long seen;

  private WholeObjectCheck(String object, ChecksumAlgorithm algorithm, long expected, long size) {
    this.object = object;
    this.algorithm = algorithm;
    this.expected = expected;
    this.size = size;
    this.crc32 = algorithm == ChecksumAlgorithm.CRC32 ? new CRC32() : null;
  }

  /**
   * The check for a read of all of {@code info}'s stored bytes, or null when its record keeps no
   * checksum this class checks (see the class comment). Not for encrypted objects, whose checksum
   * is of the plaintext.
   */
  static @Nullable WholeObjectCheck of(ObjectInfo info) {
    Checksum c = info.checksum();
    if (c == null || c.type() != Checksum.Type.FULL_OBJECT) return null;
    if (c.algorithm() != ChecksumAlgorithm.CRC32C && c.algorithm() != ChecksumAlgorithm.CRC32) {
      return null;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(c.base64());
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          StoreError.CORRUPT_DATA,
          info.bucket()
              + "/"
              + info.key()
              + ": the record's "
              + c.algorithm()
              + " checksum is not base64");
    }
    return new WholeObjectCheck(
        info.bucket() + "/" + info.key(),
        c.algorithm(),
        CrcCombine.CRC32C.fromBytes(raw),
        info.size());
  }

  /**
   * Whether {@link #block} uses its {@code dataCrc} argument: only a CRC32C check combines the
   * blocks' CRCs; a CRC32 check runs its own pass and ignores it, so a caller that would compute
   * the CRC32C only for this check can skip that pass.
   */
  boolean usesDataCrc() {
    return crc32 == null;
  }

  /**
   * The next block: {@code data}'s remaining bytes, whose plain CRC32C is {@code dataCrc} (any
   * value when {@link #usesDataCrc} is false).
   */
  void block(ByteBuffer data, int dataCrc) {
    int n = data.remaining();
    if (crc32 != null) {
      crc32.update(data);
    } else {
      combined = CrcCombine.CRC32C.combine(combined, dataCrc & 0xFFFFFFFFL, n);
    }
    seen += n;
  }

  /** Throws CORRUPT_DATA unless the blocks seen are the object's size and match its checksum. */
  void finish() {
    long actual = crc32 != null ? crc32.getValue() : combined;
    if (seen != size || actual != expected) {
      throw new StoreException(
          StoreError.CORRUPT_DATA,
          object
              + ": the whole object's "
              + algorithm
              + " does not match its record ("
              + seen
              + " of "
              + size
              + " bytes read; every block passed its own check)");
    }
  }
}
