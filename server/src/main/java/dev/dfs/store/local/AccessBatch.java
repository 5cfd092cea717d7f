package dev.dfs.store.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of a batch of recorded reads that a follower sends to the leader ({@link
 * AccessRelay}): a format number, a count, then per read its bucket, key, version id and ETag
 * (modified UTF-8, as {@link DataOutputStream#writeUTF}) and the read's time (epoch millis). At
 * most {@link #MAX_READS} reads per batch. Stateless.
 */
final class AccessBatch {
  static final int FORMAT = 1;
  static final int MAX_READS = 10_000;

  /** One read as sent: the version and when it was last read. */
  record Entry(AccessLog.Read read, long at) {}

  private AccessBatch() {}

  static byte[] encode(List<Entry> entries) {
    if (entries.size() > MAX_READS) throw new IllegalArgumentException("too many reads");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.writeInt(entries.size());
      for (Entry e : entries) {
        out.writeUTF(e.read().bucket());
        out.writeUTF(e.read().key());
        out.writeUTF(e.read().versionId());
        out.writeUTF(e.read().etag());
        out.writeLong(e.at());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** Parses {@link #encode}'s form; IllegalArgumentException when it is not exactly that. */
  static List<Entry> decode(byte[] batch) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(batch))) {
      if (in.readInt() != FORMAT) throw new IllegalArgumentException("unknown batch format");
      int n = in.readInt();
      if (n < 0 || n > MAX_READS) throw new IllegalArgumentException("bad read count " + n);
      List<Entry> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        AccessLog.Read r =
            new AccessLog.Read(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
        out.add(new Entry(r, in.readLong()));
      }
      if (in.read() != -1) throw new IllegalArgumentException("bytes after the last read");
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated access batch", e);
    }
  }
}
