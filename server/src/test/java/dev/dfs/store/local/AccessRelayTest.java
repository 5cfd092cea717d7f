package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A follower's access log ({@link AccessLog} on a node that may not commit) sends its reads to the
 * leader through its {@link AccessRelay} in {@link AccessBatch}es: whole and at their latest times,
 * kept when the leader cannot be reached, and bounded in memory by dropping the oldest.
 */
class AccessRelayTest {
  /** What a relay received, decoded: version key to read time. */
  static final class Received implements AccessRelay {
    final Map<String, Long> reads = new HashMap<>();
    int batches;

    @Override
    public void send(byte[] batch) {
      batches++;
      for (AccessBatch.Entry e : AccessBatch.decode(batch)) {
        reads.merge(e.read().key() + "@" + e.read().versionId(), e.at(), Math::max);
      }
    }
  }

  /** A follower's log: it may not commit, so its flush goes to {@code relay}. */
  static AccessLog follower(AccessRelay relay) {
    return new AccessLog(null, null, () -> false, relay);
  }

  static byte[] batch(int from, int to, long at) {
    List<AccessBatch.Entry> entries = new ArrayList<>();
    for (int i = from; i < to; i++) {
      entries.add(
          new AccessBatch.Entry(new AccessLog.Read("b", "k" + i, "null", "etag" + i), at + i));
    }
    return AccessBatch.encode(entries);
  }

  @Test
  void aFlushSendsEveryPendingReadOnceAtItsLatestTime() throws IOException {
    Received leader = new Received();
    AccessLog log = follower(leader);
    log.accept(batch(0, 3, 1_000));
    log.accept(batch(1, 2, 5_000)); // k1 read again later
    assertThat(log.flush()).isEqualTo(3);
    assertThat(leader.reads)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("k0@null", 1_000L, "k1@null", 5_001L, "k2@null", 1_002L));
    assertThat(log.flush()).isZero(); // nothing sent twice
  }

  @Test
  void readsTheLeaderDidNotTakeAreSentAgainLater() throws IOException {
    Received leader = new Received();
    int[] refusals = {2};
    AccessLog log =
        follower(
            b -> {
              if (refusals[0]-- > 0) throw new IOException("no leader is known now");
              leader.send(b);
            });
    log.accept(batch(0, 5, 1_000));
    assertThatThrownBy(log::flush).isInstanceOf(IOException.class);
    assertThatThrownBy(log::flush).isInstanceOf(IOException.class);
    assertThat(leader.reads).isEmpty();
    assertThat(log.flush()).isEqualTo(5); // kept, and sent once a leader takes them
    assertThat(leader.reads).hasSize(5);
  }

  @Test
  void keptReadsAreBoundedByDroppingTheOldest() throws IOException {
    Received leader = new Received();
    List<AccessLog> self = new ArrayList<>();
    boolean[] refused = {false};
    AccessLog log =
        follower(
            b -> {
              if (refused[0]) {
                leader.send(b);
                return;
              }
              refused[0] = true;
              // while the send fails, ten newer reads arrive: the log is then over its bound
              self.get(0).accept(batch(AccessLog.MAX_PENDING, AccessLog.MAX_PENDING + 10, 9_000));
              throw new IOException("the leader moved");
            });
    self.add(log);
    for (int i = 0; i < AccessLog.MAX_PENDING; i += AccessBatch.MAX_READS) {
      log.accept(batch(i, i + AccessBatch.MAX_READS, 1_000));
    }
    assertThatThrownBy(log::flush).isInstanceOf(IOException.class);
    assertThat(log.flush()).isEqualTo(AccessLog.MAX_PENDING);
    assertThat(leader.reads).hasSize(AccessLog.MAX_PENDING);
    assertThat(leader.reads).doesNotContainKeys("k0@null", "k9@null"); // the oldest ten
    assertThat(leader.reads).containsKeys("k10@null", "k" + (AccessLog.MAX_PENDING + 9) + "@null");
  }

  @Test
  void aMalformedBatchIsRefused() {
    AccessLog log = follower(new Received());
    byte[] good = batch(0, 2, 1_000);
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
    assertThatThrownBy(() -> log.accept(cut)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.accept(new byte[] {0, 0, 0, 9}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
