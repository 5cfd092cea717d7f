package dev.dfs.identity;

import java.security.SecureRandom;

/** Random access key ids, secrets, API keys and their ids, from a {@link SecureRandom}. */
final class KeyGenerator {
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String SECRET_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String ALNUM = SECRET_CHARS.substring(0, 62);
  private static final String HEX = "0123456789abcdef";

  /** Marks DFS user keys apart from root's ({@code DFS…}) and AWS's ({@code AKIA…}). */
  static final String ACCESS_KEY_PREFIX = "DFSU";

  private final SecureRandom random = new SecureRandom();

  /** 20 upper-case letters and digits, like AWS's, starting with {@link #ACCESS_KEY_PREFIX}. */
  String accessKeyId() {
    return ACCESS_KEY_PREFIX + pick(UPPER_ALNUM, 20 - ACCESS_KEY_PREFIX.length());
  }

  /** 40 characters of base64's alphabet, like AWS's. */
  String secretKey() {
    return pick(SECRET_CHARS, 40);
  }

  /** 40 letters and digits (no characters that need quoting in a header or a shell). */
  String apiKey() {
    return pick(ALNUM, 40);
  }

  /** 16 lower-case hex characters. */
  String apiKeyId() {
    return pick(HEX, 16);
  }

  private String pick(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return sb.toString();
  }
}
