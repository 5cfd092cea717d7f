package dev.dfs.store.cluster.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The body trailer's MAC: the same secret, signature and bytes give the same tag however the bytes
 * are split; another secret, another signature (so another request) or another byte gives another.
 */
class BodyMacTest {
  private static final ClusterSecret SECRET = ClusterSecret.of("a-cluster-secret-for-tests");
  private static final ClusterSecret OTHER = ClusterSecret.of("another-cluster-secret-here");

  @Test
  void theTagDependsOnSecretSignatureAndEveryByteNotOnHowTheBytesArrive() {
    byte[] sig = bytes(32, 1);
    byte[] body = bytes(700_000, 2);
    byte[] tag = tag(SECRET, sig, body, body.length);
    assertThat(tag).hasSize(BodyMac.LENGTH);
    assertThat(tag(SECRET, sig, body, 4096)).isEqualTo(tag);
    assertThat(tag(SECRET, sig, body, 1)).isEqualTo(tag(SECRET, sig, body, 1 << 18));
    assertThat(tag(OTHER, sig, body, body.length)).isNotEqualTo(tag);
    assertThat(tag(SECRET, bytes(32, 3), body, body.length)).isNotEqualTo(tag);
    byte[] altered = body.clone();
    altered[654_321] ^= 1;
    assertThat(tag(SECRET, sig, altered, body.length)).isNotEqualTo(tag);
    assertThat(tag(SECRET, sig, new byte[0], 1)).isNotEqualTo(tag(SECRET, sig, new byte[1], 1));
  }

  private static byte[] tag(ClusterSecret secret, byte[] sig, byte[] body, int piece) {
    BodyMac mac = BodyMac.of(secret, sig);
    for (int off = 0; off < body.length; off += piece) {
      mac.update(body, off, Math.min(piece, body.length - off));
    }
    return mac.finish();
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
