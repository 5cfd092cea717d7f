package dev.dfs.store.local;

import dev.dfs.store.local.ChunkVolume.StoredChunk;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ChunkRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The chunks this store's metadata references, with the length the metadata gives each: a scan of
 * the {@link Cf#CHUNK_REFS} reverse index in chunk id order (the byte order of the ids, which is
 * also the order of their hex names and so of {@link ChunkVolume#list}), each resolved through its
 * owner (an object version or an upload part) to its length. What the cluster's repair and scrub
 * compare replicas with. Reads this node's copy of the metadata as it is (callers that need it
 * current take a read barrier first). Thread-safe.
 */
final class ChunkIndex {
  private final MetaDb db;

  ChunkIndex(MetaDb db) {
    this.db = db;
  }

  /** Up to {@code limit} referenced chunks with ids above {@code after} (null: from the first). */
  List<StoredChunk> after(@Nullable ChunkId after, int limit) throws IOException {
    List<StoredChunk> out = new ArrayList<>();
    try (MetaDb.Scan s = db.scan(Cf.CHUNK_REFS, null, null)) {
      if (after == null) {
        s.seek(new byte[0]);
      } else {
        s.seek(after.bytes());
        if (s.valid() && java.util.Arrays.equals(s.key(), after.bytes())) s.next();
      }
      for (; s.valid() && out.size() < limit; s.next()) {
        ChunkId id = ChunkId.fromBytes(s.key());
        long length = ownerLength(id, s.value());
        if (length >= 0) out.add(new StoredChunk(id, length));
      }
    }
    return out;
  }

  /** The length the metadata gives chunk {@code id}, or empty when nothing references it. */
  OptionalLong length(ChunkId id) throws IOException {
    byte[] owner = db.get(Cf.CHUNK_REFS, id.bytes());
    if (owner == null) return OptionalLong.empty();
    long length = ownerLength(id, owner);
    return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
  }

  /** The chunk's length in its owner's record; -1 when the owner is gone (a commit in between). */
  private long ownerLength(ChunkId id, byte[] ownerValue) throws IOException {
    BinReader r = new BinReader(ownerValue);
    r.u8(); // format version
    int kind = r.u8();
    byte[] key = r.bytes();
    if (kind == RecordCodec.OWNER_PART) {
      byte[] part = db.get(Cf.PARTS, key);
      return part == null ? -1 : RecordCodec.decodePart(part).size();
    }
    byte[] version = db.get(Cf.VERSIONS, key);
    if (version == null) return -1;
    for (ChunkRef c : RecordCodec.decodeObject(version).chunks()) {
      if (c.id().equals(id)) return c.length();
    }
    return -1;
  }
}
