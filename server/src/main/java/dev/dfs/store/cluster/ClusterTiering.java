package dev.dfs.store.cluster;

import dev.dfs.crypto.MasterKey;
import dev.dfs.store.AccessTiering;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.Tiering;
import dev.dfs.store.tier.AccessTier;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.store.tier.TierStats;
import dev.dfs.store.tier.TierUsage;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The cluster engine's {@link Tiering}: the node's local engine tiering, whose every metadata
 * commit (intents, the switch of a version to its tier copy, the free queue, restores, tier
 * definitions) goes through the Raft log and whose freed chunks are the replicated ones (see the
 * local engine's {@code LocalTiering}). This class adds that a transition, restore or
 * Intelligent-Tiering move on a node that is not the admitted leader fails at once with UNAVAILABLE
 * (the HTTP front forwards RestoreObject and tier writes to the leader; the lifecycle and
 * Intelligent-Tiering workers run only there). Intelligent-Tiering's access log records reads on
 * every node; a follower's log sends them to the leader in batches ({@link AccessRelayToLeader}),
 * which commits them into the replicated metadata, so every replica agrees on a version's last
 * access. Reads of tier definitions, usage and counters are this node's. Thread-safe.
 */
final class ClusterTiering implements Tiering {
  private final Tiering local;
  private final Runnable requireLeader;

  /**
   * @param requireLeader throws UNAVAILABLE unless this node admits writes now
   */
  ClusterTiering(Tiering local, Runnable requireLeader) {
    this.local = local;
    this.requireLeader = requireLeader;
  }

  @Override
  public TierRegistry connect(@Nullable MasterKey key) {
    return local.connect(key);
  }

  @Override
  public TierRegistry tiers() {
    return local.tiers();
  }

  @Override
  public TierUsage usage() throws IOException {
    return local.usage();
  }

  @Override
  public TierStats stats() {
    return local.stats();
  }

  @Override
  public boolean transition(ObjectRef version, String etag, String storageClass)
      throws IOException {
    requireLeader.run();
    return local.transition(version, etag, storageClass);
  }

  @Override
  public RestoreOutcome restore(ObjectRef version, Instant expiry) throws IOException {
    requireLeader.run();
    return local.restore(version, expiry);
  }

  @Override
  public Map<String, TierUsage.Amount> coldLocal(Instant before) throws IOException {
    return local.coldLocal(before);
  }

  /** The local engine's, whose moves only the leader makes. */
  @Override
  public Optional<AccessTiering> accessTiering() {
    return local.accessTiering().map(LeaderMoves::new);
  }

  /** An access log and moves whose moves fail with UNAVAILABLE off the leader. */
  private final class LeaderMoves implements AccessTiering {
    private final AccessTiering access;

    LeaderMoves(AccessTiering access) {
      this.access = access;
    }

    @Override
    public void accessed(ObjectInfo info) {
      access.accessed(info);
    }

    @Override
    public void tracking(Tracking mode) {
      access.tracking(mode);
    }

    @Override
    public Tracking tracking() {
      return access.tracking();
    }

    /** On a follower: sends the reads to the leader (see {@link AccessRelayToLeader}). */
    @Override
    public int flushAccesses() throws IOException {
      return access.flushAccesses();
    }

    @Override
    public Instant lastAccess(ObjectInfo info) {
      return access.lastAccess(info);
    }

    @Override
    public AccessTier accessTier(ObjectInfo info) {
      return access.accessTier(info);
    }

    @Override
    public boolean move(ObjectRef version, String etag, AccessTier target) throws IOException {
      requireLeader.run();
      return access.move(version, etag, target);
    }
  }
}
