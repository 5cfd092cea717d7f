package dev.dfs.store;

import dev.dfs.crypto.DataKey;

/**
 * Asks an engine to store a write's data encrypted at rest with {@code key} (see {@link
 * dev.dfs.crypto.BlockLayout} for the format). Sizes, Content-MD5 and additional checksums stay
 * those of the plaintext. The key itself is never stored by the engine: the caller keeps what it
 * needs to find it again in the object's {@linkplain ObjectMetadata#attributes() attributes}.
 * Immutable.
 *
 * @param plaintextEtag true: the ETag is the MD5 of the plaintext (as S3 reports for SSE-S3);
 *     false: {@link DataKey#opaqueDigest} of that MD5, an opaque value that reveals nothing about
 *     the plaintext without the key (for SSE-C, whose ETag S3 also does not derive visibly from the
 *     plaintext)
 */
public record DataEncryption(DataKey key, boolean plaintextEtag) {
  public DataEncryption {
    if (key == null) throw new IllegalArgumentException("key is required");
  }
}
