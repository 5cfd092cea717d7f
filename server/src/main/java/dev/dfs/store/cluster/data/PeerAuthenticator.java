package dev.dfs.store.cluster.data;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Verifies {@link RequestSignature}s on the receiving node: the timestamp within {@code window} of
 * this node's clock, the signature by constant-time comparison, and the nonce never seen before
 * within the window (replays refused). A nonce is remembered until its timestamp leaves the window,
 * after which the clock check alone refuses it; memory is bounded by {@code maxNonces} (when full
 * even after pruning, requests are refused rather than remembered partially). Thread-safe.
 */
final class PeerAuthenticator {
  private final ClusterSecret secret;
  private final Clock clock;
  private final long windowMillis;
  private final int maxNonces;
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  PeerAuthenticator(ClusterSecret secret, Clock clock, Duration window, int maxNonces) {
    this.secret = secret;
    this.clock = clock;
    this.windowMillis = window.toMillis();
    this.maxNonces = maxNonces;
  }

  /**
   * The request's signature when the request with this header value is authentic, fresh and not a
   * replay; null otherwise (whatever the reason: the caller tells the peer nothing).
   */
  @Nullable RequestSignature verify(String method, String pathAndQuery, @Nullable String header) {
    RequestSignature sig = RequestSignature.parse(header);
    if (sig == null) return null;
    long now = clock.millis();
    if (Math.abs(now - sig.timestampMillis()) > windowMillis) return null;
    byte[] expected =
        RequestSignature.mac(secret, method, pathAndQuery, sig.timestampMillis(), sig.nonce());
    if (!MessageDigest.isEqual(expected, sig.signatureBytes())) return null;
    return remember(sig.nonce(), sig.timestampMillis() + windowMillis, now) ? sig : null;
  }

  /** Records the nonce; false if it was already recorded (a replay) or there is no room. */
  private boolean remember(String nonce, long expiresAt, long now) {
    if (seen.size() >= maxNonces) prune(now);
    if (seen.size() >= maxNonces) return false;
    return seen.putIfAbsent(nonce, expiresAt) == null;
  }

  private void prune(long now) {
    for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next() < now) it.remove();
    }
  }
}
