package dev.dfs.store;

import dev.dfs.crypto.DataKey;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the data key of an object being opened, decided from the object's own info (its
 * attributes), so the key always matches the version actually read even when the object is replaced
 * concurrently. Called once per open, with the object's info, for every object (encrypted or not);
 * it may throw any exception to refuse the read (the engine closes what it opened and rethrows it
 * unchanged).
 */
@FunctionalInterface
public interface KeyResolver {
  /** No keys: plaintext objects open, encrypted ones are refused. */
  KeyResolver NONE = info -> null;

  /**
   * The key of {@code info}'s data, or null when the caller has none (an engine then refuses an
   * encrypted object with INVALID_ARGUMENT and opens a plaintext one).
   */
  @Nullable DataKey keyFor(ObjectInfo info) throws IOException;
}
