package dev.dfs.store.local;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.VersionIds;
import dev.dfs.store.VersioningState;
import dev.dfs.util.ChecksumAlgorithm;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The values kept in RocksDB, as decoded by {@link RecordCodec}. */
final class Records {
  private Records() {}

  /** How callers see an object record. */
  static ObjectInfo info(String bucket, String key, ObjectRecord r) {
    return new ObjectInfo(
        bucket,
        key,
        r.size(),
        r.etag(),
        Instant.ofEpochMilli(r.lastModifiedMillis()),
        r.metadata(),
        r.checksum(),
        r.partSizes(),
        r.versionId(),
        r.deleteMarker());
  }

  /** A bucket and its versioning state. */
  record BucketRecord(long createdMillis, @Nullable String region, VersioningState versioning) {
    BucketRecord {
      if (versioning == null) versioning = VersioningState.UNVERSIONED;
    }

    BucketRecord(long createdMillis, @Nullable String region) {
      this(createdMillis, region, VersioningState.UNVERSIONED);
    }

    /** The region for callers: "" when the record has none (the S3 layer answers its own). */
    String regionOrEmpty() {
      return region == null ? "" : region;
    }

    BucketRecord withVersioning(VersioningState state) {
      return new BucketRecord(createdMillis, region, state);
    }
  }

  /** One stored piece of an object: a chunk file holding {@code length} data bytes. */
  record ChunkRef(ChunkId id, long length) {

    /**
     * Where object byte {@code offset} lies in {@code chunks}: the chunk's index and the offset
     * within it (an offset at or past the end lands in the last chunk).
     */
    static Position locate(List<ChunkRef> chunks, long offset) {
      long at = offset;
      int i = 0;
      while (i < chunks.size() - 1 && at >= chunks.get(i).length()) {
        at -= chunks.get(i).length();
        i++;
      }
      return new Position(i, at);
    }

    /** A chunk's index in an object's chunk list and an offset within that chunk. */
    record Position(int index, long offset) {}
  }

  /**
   * One version of an object. Exactly one of {@code inlineId} (bytes in the inline column family)
   * and a non-empty {@code chunks} list holds the data (neither for a delete marker); for a
   * multipart object the chunks are its parts, in order.
   *
   * @param version where the version sorts among its key's versions (its versions-index suffix);
   *     null only in records written before versions existed (format V1..V3)
   * @param versionId the id reported to clients: null for a version written while the bucket was
   *     unversioned, {@code "null"} for the null version of a versioned bucket, else {@code
   *     version.id()}
   * @param deleteMarker whether this version is a delete marker
   */
  record ObjectRecord(
      long size,
      String etag,
      long lastModifiedMillis,
      ObjectMetadata metadata,
      @Nullable Checksum checksum,
      List<Long> partSizes,
      @Nullable ChunkId inlineId,
      List<ChunkRef> chunks,
      @Nullable VersionKey version,
      @Nullable String versionId,
      boolean deleteMarker) {
    ObjectRecord {
      partSizes = List.copyOf(partSizes);
      chunks = List.copyOf(chunks);
    }

    /** A record not yet placed among versions (the catalog assigns its version). */
    ObjectRecord(
        long size,
        String etag,
        long lastModifiedMillis,
        ObjectMetadata metadata,
        @Nullable Checksum checksum,
        List<Long> partSizes,
        @Nullable ChunkId inlineId,
        List<ChunkRef> chunks) {
      this(
          size,
          etag,
          lastModifiedMillis,
          metadata,
          checksum,
          partSizes,
          inlineId,
          chunks,
          null,
          null,
          false);
    }

    /** A delete marker. */
    static ObjectRecord marker(
        long modifiedMillis, VersionKey version, @Nullable String versionId) {
      return new ObjectRecord(
          0,
          "",
          modifiedMillis,
          ObjectMetadata.empty(),
          null,
          List.of(),
          null,
          List.of(),
          version,
          versionId,
          true);
    }

    /** The same record placed as version {@code v} with id {@code id}. */
    ObjectRecord withVersion(VersionKey v, @Nullable String id) {
      return new ObjectRecord(
          size,
          etag,
          lastModifiedMillis,
          metadata,
          checksum,
          partSizes,
          inlineId,
          chunks,
          v,
          id,
          deleteMarker);
    }

    /** The same version with other metadata. */
    ObjectRecord withMetadata(ObjectMetadata md) {
      return new ObjectRecord(
          size,
          etag,
          lastModifiedMillis,
          md,
          checksum,
          partSizes,
          inlineId,
          chunks,
          version,
          versionId,
          deleteMarker);
    }

    /**
     * The version of a record placed among its key's versions: every record of the versions index
     * has one (only records of formats V1..V3 in the objects family lack it). IllegalStateException
     * for a record not placed.
     */
    VersionKey requireVersion() {
      if (version == null) throw new IllegalStateException("the record has no version");
      return version;
    }

    /** Whether this is the key's null version (written unversioned or suspended). */
    boolean isNullVersion() {
      return versionId == null || versionId.equals(VersionIds.NULL);
    }
  }

  /** An open multipart upload; {@code checksumType} is null when no algorithm is set. */
  record UploadRecord(
      long initiatedMillis,
      ObjectMetadata metadata,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      Checksum.@Nullable Type checksumType) {}

  /** A stored part: raw MD5, raw additional checksum (or null) and its chunk file. */
  record PartRecord(
      long size, byte[] md5, long lastModifiedMillis, byte @Nullable [] checksum, ChunkId chunk) {}

  /** Small object bytes stored in RocksDB with their CRC32C. */
  record InlineData(int crc32c, byte[] data) {}
}
