package dev.dfs.crypto;

import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Plaintext bytes of one encrypted piece ({@link BlockLayout}), decrypted block by block from a
 * stream of its stored blocks starting at block {@code firstBlock}. Each block is authenticated
 * before any of its bytes is returned; a damaged, moved or missing block throws {@link
 * CipherIntegrityException}. Memory: two block buffers. Closes the source when closed. Not
 * thread-safe.
 */
public final class DecryptingInputStream extends InputStream {
  private final InputStream source;
  private final DataKey key;
  private final byte[] prefix;
  private final long plainSize;
  private final long lastBlock;
  private final byte[] in = new byte[BlockLayout.BLOCK_SIZE + BlockLayout.TAG_SIZE];
  private final byte[] plain = new byte[BlockLayout.BLOCK_SIZE];
  private final Cipher cipher;
  private long blockIndex;
  private int skip;
  private long remaining;
  private int pos;
  private int len;

  /**
   * @param source stored bytes from the start of block {@code firstBlock} on
   * @param prefix the piece's nonce prefix ({@link #readPrefix})
   * @param plainSize the piece's plaintext size
   * @param skip plaintext bytes of the first block to drop
   * @param length plaintext bytes to return
   */
  public DecryptingInputStream(
      InputStream source,
      DataKey key,
      byte[] prefix,
      long plainSize,
      long firstBlock,
      int skip,
      long length) {
    this.source = source;
    this.key = key;
    this.prefix = prefix.clone();
    this.plainSize = plainSize;
    this.lastBlock = BlockLayout.blockCount(plainSize) - 1;
    this.blockIndex = firstBlock;
    this.skip = skip;
    this.remaining = length;
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Reads and checks a piece's header from {@code source}, returning its nonce prefix.
   *
   * @throws CipherIntegrityException if the header is missing or not of this format
   */
  public static byte[] readPrefix(InputStream source) throws IOException {
    byte[] header = source.readNBytes(BlockLayout.HEADER_SIZE);
    if (header.length < BlockLayout.HEADER_SIZE) {
      throw new CipherIntegrityException("encrypted data is truncated (no header)");
    }
    for (int i = 0; i < BlockLayout.MAGIC_SIZE; i++) {
      if (header[i] != BlockLayout.MAGIC[i]) {
        throw new CipherIntegrityException("encrypted data has an unknown header");
      }
    }
    byte[] prefix = new byte[BlockLayout.PREFIX_SIZE];
    System.arraycopy(header, BlockLayout.MAGIC_SIZE, prefix, 0, BlockLayout.PREFIX_SIZE);
    return prefix;
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    if (n == 0) return 0;
    if (remaining <= 0) return -1;
    while (pos >= len) nextBlock();
    int k = (int) Math.min(Math.min(n, len - pos), remaining);
    System.arraycopy(plain, pos, b, off, k);
    pos += k;
    remaining -= k;
    return k;
  }

  @Override
  public int available() {
    return (int) Math.min(len - pos, remaining);
  }

  private void nextBlock() throws IOException {
    if (blockIndex > lastBlock) throw new CipherIntegrityException("read past the last block");
    int plainLen = BlockLayout.plainLength(plainSize, blockIndex);
    int want = plainLen + BlockLayout.TAG_SIZE;
    int got = source.readNBytes(in, 0, want);
    if (got < want) {
      throw new CipherIntegrityException("encrypted block " + blockIndex + " is truncated");
    }
    try {
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.secretKey(),
          new GCMParameterSpec(BlockLayout.TAG_SIZE * 8, BlockLayout.nonce(prefix, blockIndex)));
      cipher.updateAAD(new byte[] {(byte) (blockIndex == lastBlock ? 1 : 0)});
      len = cipher.doFinal(in, 0, want, plain, 0);
    } catch (AEADBadTagException e) {
      throw new CipherIntegrityException(
          "encrypted block "
              + blockIndex
              + " failed authentication (altered, moved, or another key)");
    } catch (GeneralSecurityException e) {
      throw new CipherIntegrityException("cannot decrypt block " + blockIndex + ": " + e);
    }
    pos = skip;
    skip = 0;
    blockIndex++;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
