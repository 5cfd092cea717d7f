package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * One read of an object ({@link ObjectStore#open}), or the source of a copy.
 *
 * @param versionId the version to read, or null for the current object
 * @param keys supplies the data key when the version is stored encrypted ({@link KeyResolver#NONE}:
 *     plaintext only); never null
 */
public record ReadRequest(String bucket, String key, @Nullable String versionId, KeyResolver keys) {

  public ReadRequest {
    if (keys == null) keys = KeyResolver.NONE;
  }

  /** Reads the current plaintext object of {@code bucket/key}. */
  public static ReadRequest of(String bucket, String key) {
    return new ReadRequest(bucket, key, null, KeyResolver.NONE);
  }

  /** Reads one plaintext version ({@code versionId} null: the current object). */
  public static ReadRequest of(String bucket, String key, String versionId) {
    return new ReadRequest(bucket, key, versionId, KeyResolver.NONE);
  }

  /** The object this request reads. */
  public ObjectRef ref() {
    return new ObjectRef(bucket, key, versionId);
  }
}
