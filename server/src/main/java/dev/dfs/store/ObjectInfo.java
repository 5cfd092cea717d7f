package dev.dfs.store;

import java.time.Instant;
import java.util.List;

/**
 * A stored object as listing, HEAD and GET see it. Immutable.
 *
 * @param etag the S3 ETag without quotes: hex MD5 for a single PUT, {@code md5(md5s)-N} for
 *     multipart
 * @param lastModified commit time, millisecond precision
 * @param checksum the additional checksum, or null if none was requested at write
 * @param partSizes sizes of the parts in order for a multipart object (empty for a single PUT),
 *     so {@code GET ?partNumber=} can address them
 * @param versionId null until versioning exists
 */
public record ObjectInfo(
    String bucket,
    String key,
    long size,
    String etag,
    Instant lastModified,
    ObjectMetadata metadata,
    Checksum checksum,
    List<Long> partSizes,
    String versionId) {

  public ObjectInfo {
    partSizes = partSizes == null ? List.of() : List.copyOf(partSizes);
  }

  /** Number of parts, 0 for an object written by a single PUT. */
  public int partCount() {
    return partSizes.size();
  }
}
