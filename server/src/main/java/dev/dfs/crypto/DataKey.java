package dev.dfs.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key that encrypts one object's (or one multipart upload's) data. It exists in
 * memory only for the request that uses it: at rest it is either sealed by the {@link MasterKey}
 * (SSE-S3) or derived again from the customer's key (SSE-C).
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 */
public final class DataKey {
  /** Length of a data key in bytes. */
  public static final int LENGTH = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private DataKey(byte[] raw) {
    if (raw.length != LENGTH) throw new IllegalArgumentException("a data key has 32 bytes");
    this.key = new SecretKeySpec(raw, "AES");
  }

  /** A fresh random key. */
  public static DataKey random() {
    byte[] raw = new byte[LENGTH];
    RANDOM.nextBytes(raw);
    return new DataKey(raw);
  }

  /** A key from its 32 raw bytes (copied). */
  public static DataKey of(byte[] raw) {
    return new DataKey(Arrays.copyOf(raw, raw.length));
  }

  /** A copy of the raw key bytes (for sealing it). */
  public byte[] raw() {
    return key.getEncoded();
  }

  /**
   * A 16-byte value standing for {@code digest} that reveals nothing about it without this key: the
   * first 16 bytes of {@code HMAC-SHA256(key, "dfs opaque etag" || 0 || digest)}. Used as the ETag
   * of SSE-C objects, which S3 does not derive visibly from the plaintext either; as data keys are
   * unique per object, equal plaintexts get unrelated values.
   */
  public byte[] opaqueDigest(byte[] digest) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      mac.update("dfs opaque etag".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      mac.update((byte) 0);
      return Arrays.copyOf(mac.doFinal(digest), 16);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  SecretKey secretKey() {
    return key;
  }

  @Override
  public String toString() {
    return "DataKey[***]";
  }
}
