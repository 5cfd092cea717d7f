package dev.dfs.store;

import java.time.Instant;

/** A stored part of a multipart upload. {@code checksum} is null when none was requested. */
public record PartInfo(
    int partNumber, long size, String etag, Instant lastModified, Checksum checksum) {}
