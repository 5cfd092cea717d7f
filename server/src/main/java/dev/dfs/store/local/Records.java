package dev.dfs.store.local;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.util.ChecksumAlgorithm;
import java.time.Instant;
import java.util.List;

/** The values kept in RocksDB, as decoded by {@link RecordCodec}. */
final class Records {
  private Records() {}

  /** How callers see an object record. */
  static ObjectInfo info(String bucket, String key, ObjectRecord r) {
    return new ObjectInfo(bucket, key, r.size(), r.etag(), Instant.ofEpochMilli(r.lastModifiedMillis()),
        r.metadata(), r.checksum(), r.partSizes(), null);
  }

  /** A bucket. */
  record BucketRecord(long createdMillis, String region) {}

  /** One stored piece of an object: a chunk file holding {@code length} data bytes. */
  record ChunkRef(ChunkId id, long length) {}

  /**
   * The current version of an object. Exactly one of {@code inlineId} (bytes in the inline
   * column family) and a non-empty {@code chunks} list holds the data; for a multipart object
   * the chunks are its parts, in order.
   */
  record ObjectRecord(
      long size,
      String etag,
      long lastModifiedMillis,
      ObjectMetadata metadata,
      Checksum checksum,
      List<Long> partSizes,
      ChunkId inlineId,
      List<ChunkRef> chunks) {
    ObjectRecord {
      partSizes = List.copyOf(partSizes);
      chunks = List.copyOf(chunks);
    }
  }

  /** An open multipart upload; {@code checksumType} is null when no algorithm is set. */
  record UploadRecord(
      long initiatedMillis,
      ObjectMetadata metadata,
      ChecksumAlgorithm checksumAlgorithm,
      Checksum.Type checksumType) {}

  /** A stored part: raw MD5, raw additional checksum (or null) and its chunk file. */
  record PartRecord(long size, byte[] md5, long lastModifiedMillis, byte[] checksum, ChunkId chunk) {}

  /** Small object bytes stored in RocksDB with their CRC32C. */
  record InlineData(int crc32c, byte[] data) {}
}
