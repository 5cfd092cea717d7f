package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * Addresses one object: a bucket, a key and a version. A null {@code versionId} means the key's
 * current object; {@link VersionIds#NULL} names the null version. An engine that does not offer
 * {@link Versioning} knows only the current object, which is also its key's null version.
 *
 * @param versionId the version, or null for the current object
 */
public record ObjectRef(String bucket, String key, @Nullable String versionId) {

  /** The current object of {@code bucket/key}. */
  public static ObjectRef current(String bucket, String key) {
    return new ObjectRef(bucket, key, null);
  }

  /**
   * Whether this names what an engine without versioning holds: the current object (no version id)
   * or the null version, which such an engine's current object always is.
   */
  public boolean currentOrNull() {
    return versionId == null || versionId.equals(VersionIds.NULL);
  }

  /**
   * For engines without versioning: refuses any version id but {@link VersionIds#NULL} with
   * NOT_IMPLEMENTED, since the protocol layer asks {@link ObjectStore#versioning()} before it sends
   * one (this guards the contract, it is not a feature check).
   */
  public ObjectRef requireCurrentOrNull() {
    if (!currentOrNull()) {
      throw new StoreException(StoreError.NOT_IMPLEMENTED, "versioning is not supported");
    }
    return this;
  }
}
