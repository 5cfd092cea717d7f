package dev.dfs.lifecycle;

import dev.dfs.store.AccessTiering;
import dev.dfs.store.BucketInfo;
import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.ObjectVersion;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.Tiering;
import dev.dfs.store.Versioning;
import dev.dfs.store.VersionsPage;
import dev.dfs.store.VersionsQuery;
import dev.dfs.store.tier.AccessTier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves {@code INTELLIGENT_TIERING} objects between access tiers in the background, on one daemon
 * thread. A pass first flushes the engine's access log, then walks every bucket's current objects
 * and every version of that class (noncurrent ones too: as S3, each version ages and moves by its
 * own reads; engines without versioning: the current objects) whose {@link AccessTierPolicy#target}
 * differs from where it is ({@link AccessTiering#move}: crash-safe, and a no-op for a version
 * changed meanwhile, which is judged again in the next pass). Passes start {@link
 * LifecycleDay#workerInterval()} apart. Engines without {@link AccessTiering} leave the thread
 * idle. On a cluster only the leader's pass moves objects; a follower's pass only flushes its
 * access log, which sends the reads it recorded to the leader. Counters are thread-safe.
 */
public final class IntelligentTieringWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IntelligentTieringWorker.class);
  static final String CLASS = "INTELLIGENT_TIERING";

  private final ObjectStore store;
  private final IntelligentTieringSource configs;
  private final AccessTierPolicy policy;
  private final LifecycleDay day;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong movedDown = new AtomicLong();
  private final AtomicLong movedUp = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private @Nullable Thread thread;

  public IntelligentTieringWorker(
      ObjectStore store, IntelligentTieringSource configs, LifecycleDay day, Clock clock) {
    this.store = store;
    this.configs = configs;
    this.policy = new AccessTierPolicy(day);
    this.day = day;
    this.clock = clock;
  }

  /** Objects moved to a colder access tier since start. */
  public long movedDown() {
    return movedDown.get();
  }

  /** Objects moved back to a warmer access tier (after a read or a restore) since start. */
  public long movedUp() {
    return movedUp.get();
  }

  /** Moves that failed (retried in a later pass). */
  public long failures() {
    return failures.get();
  }

  /** Starts the daemon thread {@code dfs-intelligent-tiering}, when the engine can move. */
  public synchronized void start() {
    if (thread != null || access().isEmpty()) return;
    thread = Thread.ofPlatform().daemon().name("dfs-intelligent-tiering").start(this::loop);
  }

  private Optional<AccessTiering> access() {
    return store.tiering().flatMap(Tiering::accessTiering);
  }

  private void loop() {
    Duration interval = day.workerInterval();
    try {
      while (!stopped.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
        try {
          runPass();
        } catch (IOException | RuntimeException e) {
          LOG.warn("intelligent-tiering pass failed (retried): {}", e.toString());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs one whole pass now, on the calling thread. */
  public void runPass() throws IOException {
    Optional<AccessTiering> access = access();
    if (access.isEmpty()) return;
    access.get().flushAccesses(); // on a cluster follower: sends its reads to the leader
    if (!leads()) return;
    for (BucketInfo b : store.listBuckets()) {
      if (stopped.getCount() == 0) return;
      try {
        bucket(access.get(), b.name());
      } catch (StoreException e) {
        if (e.error() != StoreError.NO_SUCH_BUCKET) failed(b.name(), e);
      } catch (IOException | RuntimeException e) {
        failed(b.name(), e);
      }
    }
  }

  /**
   * Whether this process moves objects: always on one node; on a cluster only while this node is
   * the leader (a follower's moves would only fail: it cannot commit), as the lifecycle worker.
   */
  private boolean leads() {
    return store.cluster().map(dev.dfs.store.ClusterView::admitsWrites).orElse(true);
  }

  private void failed(String bucket, Exception e) {
    failures.incrementAndGet();
    LOG.warn("intelligent-tiering: bucket {} failed: {}", bucket, e.toString());
  }

  private void bucket(AccessTiering access, String bucket) throws IOException {
    List<IntelligentTieringConfiguration> cs = configs.configurations(bucket);
    TieringOverrides overrides = TieringOverrides.load(store, bucket);
    Optional<Versioning> versioning = store.versioning();
    if (versioning.isPresent()) {
      versions(access, versioning.get(), bucket, cs, overrides);
      return;
    }
    String cursor = null;
    do {
      ListPage page = store.list(bucket, new ListQuery("", null, cursor, LifecycleWorker.BATCH));
      Instant now = clock.instant();
      for (ObjectInfo o : page.objects()) {
        if (CLASS.equals(o.metadata().storageClass()))
          object(access, bucket, o, cs, overrides, now);
      }
      cursor = page.truncated() ? page.nextAfter() : null;
    } while (cursor != null && stopped.getCount() > 0);
  }

  /** Every version of the bucket (an unversioned bucket's objects as their null versions). */
  private void versions(
      AccessTiering access,
      Versioning versioning,
      String bucket,
      List<IntelligentTieringConfiguration> cs,
      TieringOverrides overrides)
      throws IOException {
    String keyMarker = null;
    String versionMarker = null;
    do {
      VersionsPage page =
          versioning.listVersions(
              bucket, new VersionsQuery("", null, keyMarker, versionMarker, LifecycleWorker.BATCH));
      Instant now = clock.instant();
      for (ObjectVersion v : page.versions()) {
        ObjectInfo o = v.info();
        if (!o.deleteMarker() && CLASS.equals(o.metadata().storageClass())) {
          object(access, bucket, o, cs, overrides, now);
        }
      }
      keyMarker = page.truncated() ? page.nextKeyMarker() : null;
      versionMarker = page.nextVersionIdMarker();
    } while (keyMarker != null && stopped.getCount() > 0);
  }

  private void object(
      AccessTiering access,
      String bucket,
      ObjectInfo o,
      List<IntelligentTieringConfiguration> cs,
      TieringOverrides overrides,
      Instant now) {
    AccessTier current = access.accessTier(o);
    String restore = o.metadata().attribute(ObjectAttributes.TIER_RESTORE);
    boolean restored =
        restore != null
            && !restore.startsWith("ongoing")
            && Long.parseLong(restore) > now.toEpochMilli();
    AccessTier target =
        policy.target(
            new AccessTierPolicy.ObjectState(
                o.key(), o.size(), o.metadata().tags(), access.lastAccess(o), current, restored),
            cs,
            overrides,
            now);
    if (target == current) return;
    try {
      if (access.move(new ObjectRef(bucket, o.key(), o.versionId()), o.etag(), target)) {
        (target.colderThan(current) ? movedDown : movedUp).incrementAndGet();
        LOG.debug("intelligent-tiering: {}/{} {} -> {}", bucket, o.key(), current, target);
      }
    } catch (IOException | RuntimeException e) {
      failures.incrementAndGet();
      LOG.warn(
          "intelligent-tiering: moving {}/{} to {} failed (retried): {}",
          bucket,
          o.key(),
          target,
          e.toString());
    }
  }

  /** Stops the thread; the move in progress finishes first. */
  @Override
  public void close() throws InterruptedException {
    stopped.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) t.join(30_000);
  }
}
