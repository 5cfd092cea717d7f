package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * A refused storage operation; {@link #error()} says why. Unchecked.
 *
 * <p>{@link #deleteMarker()} is set when the refusal is about a delete marker: NO_SUCH_KEY because
 * the key's current version is one, or DELETE_MARKER when one was addressed by id. The protocol
 * layer reports it (S3's {@code x-amz-delete-marker} and {@code x-amz-version-id}).
 */
public final class StoreException extends RuntimeException {
  private final StoreError error;
  private final @Nullable ObjectInfo deleteMarker;

  public StoreException(StoreError error, @Nullable String message) {
    this(error, message, null);
  }

  public StoreException(
      StoreError error, @Nullable String message, @Nullable ObjectInfo deleteMarker) {
    super(message);
    this.error = error;
    this.deleteMarker = deleteMarker;
  }

  public StoreError error() {
    return error;
  }

  /** The delete marker the refusal is about, or null. */
  public @Nullable ObjectInfo deleteMarker() {
    return deleteMarker;
  }
}
