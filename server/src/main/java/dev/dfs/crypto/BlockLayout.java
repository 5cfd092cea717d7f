package dev.dfs.crypto;

/**
 * The at-rest layout of encrypted data ("DFS block cipher v1"), one per stored piece (a single
 * PUT's body or one multipart part):
 *
 * <pre>
 *   header : magic "DFS" 0x01 (4 bytes) | nonce prefix (8 random bytes)
 *   block i: AES-256-GCM(plaintext bytes [i*64Ki, (i+1)*64Ki)) | 16-byte tag
 * </pre>
 *
 * Every block holds {@link #BLOCK_SIZE} plaintext bytes except the last, which holds 0 to {@code
 * BLOCK_SIZE}; an empty plaintext is one empty final block (just its tag), so even emptiness is
 * authenticated. Block {@code i}'s 96-bit nonce is {@code prefix || i} (32-bit big endian), and its
 * additional authenticated data is one byte, 1 for the final block and 0 otherwise: a block moved
 * to another index, a block from another piece (other prefix, and in practice another key), a
 * dropped tail or an appended block all fail authentication.
 *
 * <p>The prefix is random per piece, so pieces that share a data key (the parts of one multipart
 * upload, including a part uploaded again) never reuse a nonce. Pure and thread-safe.
 */
public final class BlockLayout {
  private BlockLayout() {}

  /** Plaintext bytes per block. */
  public static final int BLOCK_SIZE = 64 * 1024;

  /** GCM tag bytes after each block's ciphertext. */
  public static final int TAG_SIZE = 16;

  /** Bytes of the magic number. */
  static final int MAGIC_SIZE = 4;

  /** Bytes of the random nonce prefix. */
  static final int PREFIX_SIZE = 8;

  /** Bytes before block 0. */
  public static final int HEADER_SIZE = MAGIC_SIZE + PREFIX_SIZE;

  static final byte[] MAGIC = {'D', 'F', 'S', 1};

  /** Number of blocks holding {@code plainSize} bytes (at least one). */
  public static long blockCount(long plainSize) {
    return plainSize == 0 ? 1 : (plainSize + BLOCK_SIZE - 1) / BLOCK_SIZE;
  }

  /** Stored size of {@code plainSize} plaintext bytes; -1 stays -1 (unknown). */
  public static long cipherSize(long plainSize) {
    if (plainSize < 0) return -1;
    return HEADER_SIZE + plainSize + blockCount(plainSize) * TAG_SIZE;
  }

  /** Offset of block {@code index} in the stored piece. */
  public static long blockStart(long index) {
    return HEADER_SIZE + index * (long) (BLOCK_SIZE + TAG_SIZE);
  }

  /** Plaintext bytes in block {@code index} of a piece of {@code plainSize} bytes. */
  static int plainLength(long plainSize, long index) {
    return (int) Math.min(BLOCK_SIZE, plainSize - index * BLOCK_SIZE);
  }

  /** The 12-byte GCM nonce of block {@code index}. */
  static byte[] nonce(byte[] prefix, long index) {
    if (index > 0xFFFF_FFFFL) throw new IllegalArgumentException("piece too large to encrypt");
    byte[] n = new byte[PREFIX_SIZE + 4];
    System.arraycopy(prefix, 0, n, 0, PREFIX_SIZE);
    n[8] = (byte) (index >>> 24);
    n[9] = (byte) (index >>> 16);
    n[10] = (byte) (index >>> 8);
    n[11] = (byte) index;
    return n;
  }
}
