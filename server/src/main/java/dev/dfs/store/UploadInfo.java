package dev.dfs.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An open multipart upload. */
public record UploadInfo(
    String bucket,
    String key,
    String uploadId,
    Instant initiated,
    ObjectMetadata metadata,
    dev.dfs.util.@Nullable ChecksumAlgorithm checksumAlgorithm,
    Checksum.@Nullable Type checksumType) {}
