package dev.dfs.crypto;

import dev.dfs.util.BodyException;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Reads plaintext from a source stream and yields it encrypted in the {@link BlockLayout} format,
 * one block at a time: memory is two block buffers whatever the size. With a known {@code size} it
 * reads exactly that many bytes from the source (never more) and fails with {@link BodyException}
 * INCOMPLETE_BODY if the source ends early; with an unknown size ({@code -1}) the source's end
 * decides (a one-byte look-ahead tells the final block apart). Exceptions from the source pass
 * through unchanged. Does not close the source. Not thread-safe.
 */
public final class EncryptingInputStream extends InputStream {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final InputStream source;
  private final DataKey key;
  private final long size;
  private final byte[] prefix = new byte[BlockLayout.PREFIX_SIZE];
  private final byte[] plain = new byte[BlockLayout.BLOCK_SIZE];
  private final byte[] out = new byte[BlockLayout.BLOCK_SIZE + BlockLayout.TAG_SIZE];
  private final Cipher cipher;
  private int outPos;
  private int outLen;
  private long consumed;
  private long blockIndex;
  private int carry = -1;
  private boolean finished;

  /**
   * @param size exact plaintext bytes to read from {@code source}, or -1 for "to its end"
   */
  public EncryptingInputStream(InputStream source, DataKey key, long size) {
    this.source = source;
    this.key = key;
    this.size = size;
    RANDOM.nextBytes(prefix);
    try {
      this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
    System.arraycopy(BlockLayout.MAGIC, 0, out, 0, BlockLayout.MAGIC_SIZE);
    System.arraycopy(prefix, 0, out, BlockLayout.MAGIC_SIZE, BlockLayout.PREFIX_SIZE);
    outLen = BlockLayout.HEADER_SIZE;
  }

  /** Plaintext bytes read from the source so far. */
  public long plainBytes() {
    return consumed;
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (outPos >= outLen) {
      if (finished) return -1;
      nextBlock();
    }
    int n = Math.min(len, outLen - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }

  @Override
  public int available() {
    return outLen - outPos;
  }

  private void nextBlock() throws IOException {
    int n = 0;
    if (carry >= 0) {
      plain[n++] = (byte) carry;
      carry = -1;
    }
    int want =
        size >= 0
            ? (int) Math.min(BlockLayout.BLOCK_SIZE, size - consumed)
            : BlockLayout.BLOCK_SIZE;
    while (n < want) {
      int r = source.read(plain, n, want - n);
      if (r < 0) break;
      n += r;
    }
    consumed += n;
    boolean last;
    if (size >= 0) {
      if (n < want) {
        throw new BodyException(
            BodyException.Fault.INCOMPLETE_BODY,
            "body ended after " + consumed + " of " + size + " bytes");
      }
      last = consumed == size;
    } else if (n < BlockLayout.BLOCK_SIZE) {
      last = true;
    } else {
      int next = source.read();
      last = next < 0;
      carry = next;
    }
    try {
      cipher.init(
          Cipher.ENCRYPT_MODE,
          key.secretKey(),
          new GCMParameterSpec(BlockLayout.TAG_SIZE * 8, BlockLayout.nonce(prefix, blockIndex)));
      cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
      outLen = cipher.doFinal(plain, 0, n, out, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
    outPos = 0;
    blockIndex++;
    finished = last;
  }
}
