package dev.dfs.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests tests compare ETags and checksums against. */
public final class Digests {
  private Digests() {}

  /** MD5 of {@code data}. */
  public static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e); // every JDK has MD5
    }
  }

  /** MD5 of {@code data} as lower-case hex, the ETag of a single PUT. */
  public static String md5Hex(byte[] data) {
    return HexFormat.of().formatHex(md5(data));
  }
}
