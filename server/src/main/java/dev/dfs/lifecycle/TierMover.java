package dev.dfs.lifecycle;

import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.Tiering;
import dev.dfs.store.tier.StorageClassOrder;
import java.io.IOException;
import java.util.Optional;

/**
 * Hands a due transition (current or noncurrent) of one version to the engine's {@link Tiering},
 * when the engine has tiers and the target class is colder than the version's class ({@link
 * StorageClassOrder}): a version already in a tier moves on to a colder one, never back. The move
 * itself is the engine's crash-safe {@link Tiering#transition}. Stateless; thread-safe.
 */
final class TierMover {
  private TierMover() {}

  /**
   * Moves {@code version} (of {@code bucket}; its version id null for the null version) to {@code
   * target}; true when it moved. False without a change when the engine has no tiers, the move
   * would not go colder, no tier serves the class or the version changed.
   */
  static boolean move(ObjectStore store, String bucket, ObjectInfo version, String target)
      throws IOException {
    Optional<Tiering> tiering = store.tiering();
    if (tiering.isEmpty() || version.deleteMarker()) return false;
    if (!StorageClassOrder.colder(target, version.metadata().effectiveStorageClass())) {
      return false;
    }
    return tiering
        .get()
        .transition(
            new ObjectRef(bucket, version.key(), version.versionId()), version.etag(), target);
  }
}
