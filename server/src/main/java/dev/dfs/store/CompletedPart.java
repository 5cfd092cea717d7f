package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * A part as named in CompleteMultipartUpload: its number, the ETag the client got (without quotes)
 * and optionally the checksum value it got (base64, or null).
 */
public record CompletedPart(int partNumber, String etag, @Nullable String checksum) {}
