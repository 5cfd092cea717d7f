package dev.dfs.store.tier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MD5 digests, which every JDK provides. */
final class Md5 {
  private Md5() {}

  static MessageDigest create() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    }
  }
}
