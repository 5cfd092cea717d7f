package dev.dfs.admin;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The master-key rotation behind {@code /api/v1/kms/master-key}: starting one and showing its
 * progress. Implementations are thread-safe.
 */
public interface MasterKeyRotations {

  /**
   * Where the rotation stands.
   *
   * @param state {@code IDLE} (none yet), {@code RUNNING}, {@code DONE}, {@code WAITING} (every
   *     stored value is sealed again, but open multipart uploads still hold data keys under the
   *     previous key, which is kept until they complete or are aborted and rotate runs again) or
   *     {@code FAILED}
   * @param keyId the current master key's id (the id its sealed values carry)
   * @param previousKeyIds the ids of previous keys that still open
   * @param done sealed values sealed again so far
   * @param total sealed values found under previous keys ({@code -1} while counting)
   * @param pendingUploads open SSE-S3 multipart uploads still under a previous key
   * @param started when the rotation started (ISO-8601), null when none did
   * @param finished when it ended, null while running
   * @param message what to do next, or why it failed; null when there is nothing to say
   */
  record Status(
      String state,
      String keyId,
      List<String> previousKeyIds,
      long done,
      long total,
      long pendingUploads,
      @Nullable String started,
      @Nullable String finished,
      @Nullable String message) {
    public Status {
      previousKeyIds = List.copyOf(previousKeyIds);
    }
  }

  /** Why a rotation cannot start: the engine or the key's source does not allow it. */
  final class Refused extends RuntimeException {
    private final boolean unsupported;

    /**
     * @param unsupported true: never on this server (501); false: not now or not so (409)
     */
    public Refused(boolean unsupported, String message) {
      super(message);
      this.unsupported = unsupported;
    }

    public boolean unsupported() {
      return unsupported;
    }
  }

  /**
   * Starts a rotation, or resumes the one under way, in the background; returns its status. With a
   * key from the data directory's key file a new key is generated when no rotation is under way; a
   * configured key ({@code DFS_MASTER_KEY}) rotates what its previous keys ({@code
   * DFS_MASTER_KEY_PREVIOUS}) sealed.
   *
   * @throws Refused when this server cannot rotate (cluster engine; a configured key without
   *     previous keys)
   * @throws IOException when the new key or the rotation's state cannot be stored
   */
  Status rotate() throws IOException;

  /** The rotation's status. @throws IOException when its state cannot be read */
  Status status() throws IOException;
}
