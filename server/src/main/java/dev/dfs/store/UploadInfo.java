package dev.dfs.store;

import java.time.Instant;

/** An open multipart upload. */
public record UploadInfo(
    String bucket,
    String key,
    String uploadId,
    Instant initiated,
    ObjectMetadata metadata,
    dev.dfs.util.ChecksumAlgorithm checksumAlgorithm,
    Checksum.Type checksumType) {}
