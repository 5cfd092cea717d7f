package dev.dfs.store.cluster.data;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret every node of a cluster shares ({@code DFS_CLUSTER_SECRET}); the key of the
 * HMAC-SHA256 that authenticates node-to-node requests (and derives the key of each request body's
 * {@link BodyMac}). Never printed: {@link #toString} is redacted. Immutable and thread-safe; {@link
 * #mac} returns a fresh, unshared {@link Mac}.
 */
public final class ClusterSecret {
  /** Shorter secrets are refused: 16 bytes is 128 bits at best. */
  public static final int MIN_BYTES = 16;

  private final SecretKeySpec key;

  private ClusterSecret(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** The secret's UTF-8 bytes; at least {@link #MIN_BYTES} of them. */
  public static ClusterSecret of(String secret) {
    byte[] b = secret.getBytes(StandardCharsets.UTF_8);
    if (b.length < MIN_BYTES) {
      throw new IllegalArgumentException("cluster secret must be at least " + MIN_BYTES + " bytes");
    }
    return new ClusterSecret(b);
  }

  /** A new HMAC-SHA256 keyed with the secret. */
  Mac mac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "ClusterSecret[redacted]";
  }
}
