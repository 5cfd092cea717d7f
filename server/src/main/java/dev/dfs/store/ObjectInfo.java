package dev.dfs.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored object as listing, HEAD and GET see it. Immutable.
 *
 * @param etag the S3 ETag without quotes: hex MD5 for a single PUT, {@code md5(md5s)-N} for
 *     multipart
 * @param lastModified commit time, millisecond precision
 * @param checksum the additional checksum, or null if none was requested at write
 * @param partSizes sizes of the parts in order for a multipart object (empty for a single PUT), so
 *     {@code GET ?partNumber=} can address them
 * @param versionId the version's id: null for an object written while its bucket was unversioned
 *     (no version header is sent), {@code "null"} for the null version of a versioned or suspended
 *     bucket, else the engine's opaque id
 * @param deleteMarker whether this version is a delete marker (no data; size 0)
 */
public record ObjectInfo(
    String bucket,
    String key,
    long size,
    String etag,
    Instant lastModified,
    ObjectMetadata metadata,
    @Nullable Checksum checksum,
    List<Long> partSizes,
    @Nullable String versionId,
    boolean deleteMarker) {

  public ObjectInfo {
    partSizes = partSizes == null ? List.of() : List.copyOf(partSizes);
  }

  /** An object version that is not a delete marker. */
  public ObjectInfo(
      String bucket,
      String key,
      long size,
      String etag,
      Instant lastModified,
      ObjectMetadata metadata,
      @Nullable Checksum checksum,
      List<Long> partSizes,
      @Nullable String versionId) {
    this(bucket, key, size, etag, lastModified, metadata, checksum, partSizes, versionId, false);
  }

  /** Number of parts, 0 for an object written by a single PUT. */
  public int partCount() {
    return partSizes.size();
  }
}
