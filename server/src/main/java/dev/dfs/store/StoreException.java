package dev.dfs.store;

/** A refused storage operation; {@link #error()} says why. Unchecked. */
public final class StoreException extends RuntimeException {
  private final StoreError error;

  public StoreException(StoreError error, String message) {
    super(message);
    this.error = error;
  }

  public StoreError error() {
    return error;
  }
}
