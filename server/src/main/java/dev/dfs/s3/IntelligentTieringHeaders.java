package dev.dfs.s3;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.Tiering;
import dev.dfs.store.tier.AccessTier;
import java.util.Optional;

/**
 * What object reads do for Intelligent-Tiering: a GET is recorded in the engine's access log (HEAD
 * is not, as in S3), and an {@code INTELLIGENT_TIERING} object in an archive access tier reports it
 * in {@code x-amz-archive-status} ({@code ARCHIVE_ACCESS} or {@code DEEP_ARCHIVE_ACCESS}) and needs
 * RestoreObject before a GET ({@link ArchivedObjects}). Pure and thread-safe.
 */
final class IntelligentTieringHeaders {
  private IntelligentTieringHeaders() {}

  /** Records a GET of {@code info} when the engine keeps an access log. */
  static void accessed(ObjectStore store, ObjectInfo info) {
    store.tiering().flatMap(Tiering::accessTiering).ifPresent(a -> a.accessed(info));
  }

  /** The {@code x-amz-archive-status} of {@code info}, or empty when it is not archived. */
  static Optional<String> archiveStatus(ObjectInfo info) {
    if (info.metadata().attribute(ObjectAttributes.TIER) == null
        || !"INTELLIGENT_TIERING".equals(info.metadata().storageClass())) {
      return Optional.empty();
    }
    return AccessTier.parse(info.metadata().attribute(ObjectAttributes.TIER_ACCESS))
        .filter(AccessTier::archived)
        .map(AccessTier::wireName);
  }
}
