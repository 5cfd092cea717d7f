package dev.dfs.store.local;

import dev.dfs.crypto.BlockLayout;
import dev.dfs.crypto.EncryptingInputStream;
import dev.dfs.store.DataEncryption;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.ChecksumAlgorithm;
import dev.dfs.util.SingleByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Staged data together with what callers report about it: the plaintext's size, MD5 and additional
 * checksum, and the MD5 that becomes the ETag. For plaintext writes these are the {@link
 * StagedData}'s own values; for encrypted writes ({@link DataEncryption}) the body is digested as
 * plaintext on its way into an {@link EncryptingInputStream} and the staged bytes (chunk or inline)
 * are ciphertext of {@link BlockLayout#cipherSize} bytes. Closing closes the staged data. Not
 * thread-safe.
 *
 * @param etagMd5 the plaintext MD5, or for an opaque ETag {@link
 *     dev.dfs.crypto.DataKey#opaqueDigest} of it
 */
record Staged(StagedData data, long size, byte[] md5, byte @Nullable [] checksum, byte[] etagMd5)
    implements AutoCloseable {

  /** Streams {@code body} into staged data, encrypted when {@code enc} is not null. */
  static Staged write(
      ChunkStorage writer,
      InputStream body,
      long size,
      @Nullable ChecksumAlgorithm alg,
      int inlineLimit,
      @Nullable DataEncryption enc)
      throws IOException {
    if (enc == null) {
      StagedData d = writer.write(body, size, alg, inlineLimit, true);
      byte[] md5 = d.md5();
      if (md5 == null) throw new IllegalStateException("a digesting write has no MD5");
      return new Staged(d, d.size(), md5, d.checksum(), md5);
    }
    Digesting plain = new Digesting(body, alg);
    EncryptingInputStream cipher = new EncryptingInputStream(plain, enc.key(), size);
    StagedData d = writer.write(cipher, BlockLayout.cipherSize(size), null, inlineLimit, false);
    byte[] md5 = plain.md5.digest();
    return new Staged(
        d,
        plain.count,
        md5,
        plain.extra == null ? null : plain.extra.finish(),
        enc.plaintextEtag() ? md5 : enc.key().opaqueDigest(md5));
  }

  /**
   * The additional checksum of a write that was given an algorithm; IllegalStateException for a
   * write without one.
   */
  byte[] requireChecksum() {
    if (checksum == null) throw new IllegalStateException("the write computed no checksum");
    return checksum;
  }

  /** Stored bytes of a piece of {@code plainSize} bytes, encrypted or not. */
  static long storedLength(long plainSize, boolean encrypted) {
    return encrypted ? BlockLayout.cipherSize(plainSize) : plainSize;
  }

  /** True when {@code md} marks encrypted data. */
  static boolean encrypted(ObjectMetadata md) {
    return md.attribute(ObjectAttributes.CIPHER) != null;
  }

  /** {@code md} marked as holding data written with {@code enc} (or as plaintext for null). */
  static ObjectMetadata mark(ObjectMetadata md, @Nullable DataEncryption enc) {
    if ((enc != null) == encrypted(md)) return md;
    Map<String, String> attrs = new HashMap<>(md.attributes());
    if (enc == null) {
      attrs.remove(ObjectAttributes.CIPHER);
    } else {
      attrs.put(ObjectAttributes.CIPHER, ObjectAttributes.CIPHER_FORMAT);
    }
    return md.withAttributes(attrs);
  }

  /** INVALID_ARGUMENT unless a part's encryption matches its upload's. */
  static void checkPart(ObjectMetadata upload, @Nullable DataEncryption enc) {
    if ((enc != null) != encrypted(upload)) {
      throw new StoreException(
          StoreError.INVALID_ARGUMENT,
          enc == null
              ? "the upload is encrypted; each part needs its key"
              : "the upload is not encrypted; parts cannot be");
    }
  }

  @Override
  public void close() {
    data.close();
  }

  /** Counts and digests the plaintext as it passes. */
  private static final class Digesting extends FilterInputStream {
    final MessageDigest md5 = ChunkWriter.md5();
    final ChecksumAlgorithm.@Nullable RunningChecksum extra;
    long count;

    Digesting(InputStream in, @Nullable ChecksumAlgorithm alg) {
      super(in);
      this.extra = alg == null ? null : alg.newChecksum();
    }

    @Override
    public int read() throws IOException {
      return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        md5.update(b, off, n);
        if (extra != null) extra.update(b, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public void close() {
      // the body belongs to the caller
    }
  }
}
