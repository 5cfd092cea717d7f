package dev.dfs.auth;

import dev.dfs.util.Hex;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** SHA-256 and HMAC-SHA256 helpers for SigV4. Stateless, thread-safe. */
final class Sha256 {
  /** Hex SHA-256 of the empty string. */
  static final String EMPTY_HASH =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JDK", e);
    }
  }

  static String hex(String text) {
    return Hex.encode(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * An uninitialised HMAC-SHA256 that is only ever cloned: {@code Mac.getInstance} looks the
   * algorithm up in the providers and checks the provider's signature each time, which showed in
   * profiles of small requests (a SigV4 signature takes five HMACs, a streamed body one more per
   * chunk); a clone copies the chosen implementation. Never initialised or updated, so sharing it
   * between threads is safe.
   */
  private static final Mac PROTOTYPE;

  static {
    try {
      PROTOTYPE = Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A new HMAC-SHA256 initialised with {@code key}. */
  static Mac newHmac(byte[] key) {
    try {
      Mac mac = (Mac) PROTOTYPE.clone();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException | CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 missing from this JDK or not cloneable", e);
    }
  }

  static byte[] hmac(byte[] key, String data) {
    return newHmac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  /** Compares two signatures in time independent of where they differ. */
  static boolean sameSignature(String expected, @Nullable String given) {
    if (given == null) return false;
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
  }
}
