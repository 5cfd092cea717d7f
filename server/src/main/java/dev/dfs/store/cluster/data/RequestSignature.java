package dev.dfs.store.cluster.data;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The authentication header of a node-to-node request: {@code X-Dfs-Node-Auth: ts=<epoch
 * millis>,nonce=<32 hex>,sig=<64 hex>} where {@code sig} is HMAC-SHA256(secret, "DFS-NODE-1\n"
 * method "\n" path-and-query "\n" ts "\n" nonce). The body, if any, is bound separately by the
 * trailer of {@link FrameOutput} (a MAC of every body byte keyed by this signature), so a signed
 * header cannot carry another body. Immutable value.
 */
record RequestSignature(long timestampMillis, String nonce, String signature) {
  static final String HEADER = "X-Dfs-Node-Auth";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /** Signs a request about to be sent at {@code nowMillis} with a fresh random nonce. */
  static RequestSignature sign(
      ClusterSecret secret, String method, String pathAndQuery, long nowMillis) {
    byte[] n = new byte[16];
    RANDOM.nextBytes(n);
    String nonce = HEX.formatHex(n);
    return new RequestSignature(
        nowMillis, nonce, HEX.formatHex(mac(secret, method, pathAndQuery, nowMillis, nonce)));
  }

  /** The expected signature bytes for these request parts. */
  static byte[] mac(
      ClusterSecret secret, String method, String pathAndQuery, long ts, String nonce) {
    String canonical = "DFS-NODE-1\n" + method + "\n" + pathAndQuery + "\n" + ts + "\n" + nonce;
    return secret.mac().doFinal(canonical.getBytes(StandardCharsets.UTF_8));
  }

  String headerValue() {
    return "ts=" + timestampMillis + ",nonce=" + nonce + ",sig=" + signature;
  }

  /** Parses a header value; null when it is not exactly the three well-formed fields. */
  static @Nullable RequestSignature parse(@Nullable String value) {
    if (value == null || value.length() > 200) return null;
    String[] parts = value.split(",", -1);
    if (parts.length != 3
        || !parts[0].startsWith("ts=")
        || !parts[1].startsWith("nonce=")
        || !parts[2].startsWith("sig=")) {
      return null;
    }
    String nonce = parts[1].substring(6);
    String sig = parts[2].substring(4);
    if (!isHex(nonce, 32) || !isHex(sig, 64)) return null;
    try {
      return new RequestSignature(Long.parseLong(parts[0].substring(3)), nonce, sig);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  byte[] signatureBytes() {
    return HEX.parseHex(signature);
  }

  private static boolean isHex(String s, int len) {
    if (s.length() != len) return false;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
  }
}
