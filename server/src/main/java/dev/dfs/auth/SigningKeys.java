package dev.dfs.auth;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives SigV4 signing keys ({@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service),
 * "aws4_request")}) and remembers recently derived ones, since a client signs every request of a
 * day with the same key. Thread-safe; the cache is bounded.
 */
final class SigningKeys {
  private static final int MAX_ENTRIES = 1024;

  /** The cache key. Holds the secret, so its toString never shows it. */
  private record Key(String secret, String date, String region, String service) {
    @Override
    public String toString() {
      return "Key[" + date + "/" + region + "/" + service + "]";
    }
  }

  private final ConcurrentHashMap<Key, byte[]> cache = new ConcurrentHashMap<>();

  /** The signing key; callers must not modify the returned array. */
  byte[] signingKey(String secret, String date, String region, String service) {
    Key key = new Key(secret, date, region, service);
    byte[] cached = cache.get(key);
    if (cached != null) return cached;
    byte[] derived = derive(secret, date, region, service);
    if (cache.size() >= MAX_ENTRIES) cache.clear();
    cache.put(key, derived);
    return derived;
  }

  static byte[] derive(String secret, String date, String region, String service) {
    byte[] k = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    k = Sha256.hmac(k, date);
    k = Sha256.hmac(k, region);
    k = Sha256.hmac(k, service);
    return Sha256.hmac(k, "aws4_request");
  }
}
