package dev.dfs.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored part of a multipart upload. {@code checksum} is null when none was requested. */
public record PartInfo(
    int partNumber,
    long size,
    @Nullable String etag,
    Instant lastModified,
    @Nullable Checksum checksum) {}
