package dev.dfs.store.cluster.meta;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The format of a metadata log entry: plain data stamped by the leader, so that applying it is the
 * same on every replica.
 *
 * <pre>
 *   byte    format (1)
 *   int     column family layout of the leader's database ({@code MetaReplica.layout()})
 *   long    term in which the leader admitted the write (see {@link RaftMetaLog})
 *   bytes   the RocksDB WriteBatch representation (of one write, or of several concurrent writes
 *           concatenated: see RaftMetaLog's group commit; the format is the same)
 *   32      HMAC-SHA256 under the cluster secret of everything before it
 * </pre>
 *
 * The MAC keeps anyone who can reach a node's Raft port but lacks the secret from getting a batch
 * of their own applied. Thread-safe.
 */
final class MetaEntries {
  static final byte FORMAT = 1;
  private static final int HEADER = 1 + 4 + 8;
  private static final int MAC_LENGTH = 32;

  /** What an entry is, as far as a replica can tell without applying it. */
  enum Check {
    OK,
    FORGED,
    OTHER_LAYOUT,
    UNKNOWN_FORMAT
  }

  /** A decoded entry; {@code batch} is null unless {@code check} is OK. */
  record Entry(Check check, long admittedTerm, byte @Nullable [] batch) {}

  private final Mac prototype;

  MetaEntries(String secret) {
    try {
      prototype = Mac.getInstance("HmacSHA256");
      prototype.init(
          new SecretKeySpec(
              ("dfs-cluster-meta/" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  byte[] encode(int layout, long admittedTerm, byte[] batch) {
    ByteBuffer b = ByteBuffer.allocate(HEADER + batch.length + MAC_LENGTH);
    b.put(FORMAT).putInt(layout).putLong(admittedTerm).put(batch);
    Mac mac = mac();
    mac.update(b.array(), 0, b.position());
    b.put(mac.doFinal());
    return b.array();
  }

  /** Decodes and checks {@code entry} against this replica's {@code layout}. */
  Entry decode(byte[] entry, int layout) {
    if (entry.length < HEADER + MAC_LENGTH) return new Entry(Check.UNKNOWN_FORMAT, 0, null);
    int body = entry.length - MAC_LENGTH;
    Mac mac = mac();
    mac.update(entry, 0, body);
    byte[] expected = mac.doFinal();
    byte[] given = java.util.Arrays.copyOfRange(entry, body, entry.length);
    if (!MessageDigest.isEqual(expected, given)) return new Entry(Check.FORGED, 0, null);
    ByteBuffer b = ByteBuffer.wrap(entry, 0, body);
    if (b.get() != FORMAT) return new Entry(Check.UNKNOWN_FORMAT, 0, null);
    int theirs = b.getInt();
    long term = b.getLong();
    if (theirs != layout) return new Entry(Check.OTHER_LAYOUT, term, null);
    byte[] batch = new byte[b.remaining()];
    b.get(batch);
    return new Entry(Check.OK, term, batch);
  }

  private Mac mac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's HmacSHA256 is cloneable", e);
    }
  }
}
