package dev.dfs.store.local;

import java.io.IOException;

/**
 * Where a replicated engine's follower sends the reads its access log recorded, since only the
 * leader commits metadata: the cluster engine hands each batch to the leader, whose {@link
 * LocalStore#acceptAccesses} takes it into its own access log (which writes it through the
 * replicated log like its own reads). A batch is opaque bytes ({@link AccessBatch}'s form).
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface AccessRelay {
  /**
   * Delivers {@code batch} to the leader; returns once the leader took it. IOException (or a
   * StoreException) when it did not: the caller keeps the reads and sends them again later.
   */
  void send(byte[] batch) throws IOException;
}
