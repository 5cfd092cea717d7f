package dev.dfs.store.local;

import dev.dfs.store.AccessTiering;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.tier.AccessTier;
import java.io.IOException;
import java.time.Instant;

/**
 * The local engine's {@link AccessTiering}: its {@link AccessLog} (started with the engine, flushed
 * when it closes) and the {@link AccessTierMoves}. Thread-safe.
 */
final class LocalAccessTiering implements AccessTiering, AutoCloseable {
  private final AccessLog log;
  private final AccessTierMoves moves;

  LocalAccessTiering(AccessLog log, AccessTierMoves moves) {
    this.log = log;
    this.moves = moves;
  }

  @Override
  public void accessed(ObjectInfo info) {
    log.accessed(info);
  }

  /** See {@link AccessLog#accept}. */
  int accept(byte[] batch) {
    return log.accept(batch);
  }

  void start() {
    log.start();
  }

  @Override
  public void tracking(Tracking mode) {
    log.mode(mode);
  }

  @Override
  public Tracking tracking() {
    return log.mode();
  }

  @Override
  public int flushAccesses() throws IOException {
    return log.flush();
  }

  @Override
  public Instant lastAccess(ObjectInfo info) {
    long last = info.lastModified().toEpochMilli();
    String stored = info.metadata().attribute(ObjectAttributes.LAST_ACCESS);
    if (stored != null) last = Math.max(last, Long.parseLong(stored));
    Long pending = log.pending(info);
    if (pending != null) last = Math.max(last, pending);
    return Instant.ofEpochMilli(last);
  }

  @Override
  public AccessTier accessTier(ObjectInfo info) {
    return AccessTierMoves.accessTier(info.metadata());
  }

  @Override
  public boolean move(ObjectRef version, String etag, AccessTier target) throws IOException {
    return moves.move(version, etag, target);
  }

  @Override
  public void close() {
    log.close();
  }
}
