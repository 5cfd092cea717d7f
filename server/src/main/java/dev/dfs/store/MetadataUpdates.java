package dev.dfs.store;

import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * The capability of rewriting an object's metadata in place ({@link
 * ObjectStore#metadataUpdates()}): tags, retention, legal hold, ACL attributes. Thread-safe as its
 * engine is.
 */
public interface MetadataUpdates {

  /**
   * Replaces the addressed version's metadata with {@code change.apply(current)} without touching
   * its data, ETag or Last-Modified, atomically with respect to other writers of the key ({@code
   * change} runs under the key's lock and must be quick and side-effect free; it may throw a {@link
   * StoreException} to refuse). Returns the updated info. NO_SUCH_BUCKET, NO_SUCH_KEY,
   * NO_SUCH_VERSION; DELETE_MARKER when the id names a delete marker (it has no metadata).
   */
  ObjectInfo update(ObjectRef object, UnaryOperator<ObjectMetadata> change) throws IOException;
}
