package dev.dfs.lifecycle;

import dev.dfs.store.BucketInfo;
import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every bucket's lifecycle configuration in the background, on one daemon thread.
 *
 * <p>A <b>pass</b> visits each bucket that has a configuration: it walks the current objects with
 * {@link ObjectStore#list} pages (only under the longest prefix all expiring rules share) and
 * deletes those whose {@link LifecycleEvaluator#objectExpiry expiry} has come, then walks the open
 * multipart uploads with {@link ObjectStore#listUploads} and aborts those past {@code
 * DaysAfterInitiation}, then hands the bucket to the {@link VersionSweeper} for the version
 * actions. Work is done in batches of at most {@link #BATCH} entries with a short pause in between,
 * so a large bucket never turns into one long scan and requests keep their share of the machine; a
 * new pass starts {@link LifecycleDay#workerInterval()} after the previous one ended.
 *
 * <p><b>Safety:</b> an object is deleted with {@link ObjectStore#deleteObjectIfUnchanged}, so an
 * object rewritten after the listing saw it (new ETag or Last-Modified) stays; it will be judged
 * again, by its new age, in a later pass. An upload completed or aborted meanwhile is skipped.
 * Every deletion goes through the engine's normal operations.
 *
 * <p>An engine that keeps no lifecycle configuration (the gateway answers NOT_IMPLEMENTED) has
 * nothing to apply: the thread ends after the first such answer, and {@link LifecycleStats} reports
 * it as not running.
 *
 * <p><b>Threads:</b> {@link #start()} and {@link #stop(Duration)} are called by the owner (the
 * server), not concurrently; {@link #runPass()} is for owners that did not start the thread
 * (tests). Counters are in the thread-safe {@link #stats()}.
 */
public final class LifecycleWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleWorker.class);

  /** Most entries (objects, uploads, versions) one batch examines. */
  public static final int BATCH = 1000;

  /** How long one batch of store calls may take before the worker counts as stalled. */
  static final Duration GRACE = Duration.ofMinutes(10);

  /** Pause between the batches of one pass. */
  static final Duration BATCH_PAUSE = Duration.ofMillis(5);

  /** The first pass starts after the interval, but never later than this after start-up. */
  static final Duration MAX_FIRST_DELAY = Duration.ofSeconds(10);

  private final ObjectStore store;
  private final LifecycleConfigSource configs;
  private final VersionSweeper versions;
  private final LifecycleEvaluator evaluator;
  private final Clock clock;
  private final LifecycleStats stats;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private @Nullable Thread thread;

  /**
   * Readiness' view of the thread: beats before every pause, due back after it plus {@link #GRACE}.
   */
  private final dev.dfs.util.Heartbeat heartbeat =
      new dev.dfs.util.Heartbeat("lifecycle", Duration.ofMinutes(15));

  /** Set (by the worker thread) once the engine said it keeps no lifecycle configuration. */
  private volatile boolean unsupported;

  public LifecycleWorker(
      ObjectStore store,
      LifecycleConfigSource configs,
      VersionSweeper versions,
      LifecycleDay day,
      Clock clock) {
    this.store = store;
    this.configs = configs;
    this.versions = versions;
    this.evaluator = new LifecycleEvaluator(day);
    this.clock = clock;
    this.stats = new LifecycleStats(day);
  }

  public LifecycleStats stats() {
    return stats;
  }

  /** Starts the daemon thread {@code dfs-lifecycle}. */
  public synchronized void start() {
    if (thread != null) throw new IllegalStateException("already started");
    stats.running(true);
    thread = Thread.ofPlatform().daemon().name("dfs-lifecycle").start(this::loop);
  }

  /**
   * Stops the thread: the batch in progress finishes (it is never interrupted, so no store
   * operation is cut short), then the thread ends. Waits up to {@code timeout} for it.
   */
  public synchronized void stop(Duration timeout) throws InterruptedException {
    stopped.countDown();
    if (thread != null) thread.join(timeout);
    stats.running(false);
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(30));
  }

  /** The worker's liveness for readiness: dead or stalled (a batch stuck for long) fails it. */
  public dev.dfs.util.Heartbeat heartbeat() {
    return heartbeat;
  }

  private void loop() {
    heartbeat.started();
    try {
      run();
    } finally {
      // stopped, or nothing to do on this engine: an end as it should be; anything else
      // (an Error, an interrupt) leaves the thread dead and readiness failing
      if (stopped.getCount() == 0 || unsupported) heartbeat.finished();
    }
  }

  private void run() {
    Duration interval = evaluator.day().workerInterval();
    Duration first = interval.compareTo(MAX_FIRST_DELAY) < 0 ? interval : MAX_FIRST_DELAY;
    if (pause(first)) return;
    Pass pass = null;
    while (stopped.getCount() > 0) {
      try {
        if (pass == null && !leads()) { // on a cluster, only the leader applies the rules
          if (pause(interval)) return;
          continue;
        }
        if (pass == null) pass = new Pass();
        if (pass.step(BATCH)) {
          pass.finish();
          pass = null;
          if (unsupported) {
            LOG.info(
                "the {} engine keeps no lifecycle configuration: the lifecycle worker stops",
                store.engineName());
            stats.running(false);
            return;
          }
          if (pause(interval)) return;
        } else if (pause(BATCH_PAUSE)) {
          return;
        }
      } catch (RuntimeException | IOException e) {
        // listBuckets failed or something unexpected: count it, retry with a new pass later
        LOG.warn("lifecycle pass failed: {}", e.toString());
        stats.error();
        pass = null;
        if (pause(interval)) return;
      }
    }
  }

  /**
   * Whether this process should run passes: always on one node; on a cluster only while this node
   * is the leader, so the rules are applied once (a pass on a follower would only fail: it cannot
   * write). A pass the leader started keeps going if it loses leadership; its deletes then fail as
   * unavailable, and the next leader's pass does them again.
   */
  private boolean leads() {
    return store.cluster().map(dev.dfs.store.ClusterView::admitsWrites).orElse(true);
  }

  /** Sleeps; true when stop() was called meanwhile (or the thread was interrupted). */
  private boolean pause(Duration d) {
    heartbeat.beat(d.plus(GRACE));
    try {
      return stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Runs one whole pass now, on the calling thread. Not while the thread is started. */
  public void runPass() throws IOException {
    Pass pass = new Pass();
    while (!pass.step(BATCH)) {
      // keep stepping
    }
    pass.finish();
  }

  private enum Phase {
    OBJECTS,
    UPLOADS,
    VERSIONS,
    DONE
  }

  /** One pass over the buckets that existed when it started. Used by one thread only. */
  private final class Pass {
    private final Deque<String> buckets = new ArrayDeque<>();
    private final Map<String, LifecycleConfiguration> configured = new LinkedHashMap<>();
    private @Nullable String lastError;
    private @Nullable String bucket;
    // config and phase describe the bucket in progress; step() reads them only once
    // nextBucket() has set bucket (and them), so these first values are never used
    private LifecycleConfiguration config = new LifecycleConfiguration(List.of());
    private Phase phase = Phase.DONE;
    private @Nullable String cursor;
    private @Nullable String uploadIdMarker;

    Pass() throws IOException {
      stats.passStarted(clock.instant());
      for (BucketInfo b : store.listBuckets()) buckets.add(b.name());
    }

    /** Examines at most {@code budget} entries; true when the pass is complete. */
    boolean step(int budget) {
      while (budget > 0) {
        if (bucket == null && !nextBucket()) return true;
        try {
          budget -=
              switch (phase) {
                case OBJECTS -> objects(budget);
                case UPLOADS -> uploads(budget);
                case VERSIONS -> versions(budget);
                case DONE -> {
                  bucket = null;
                  yield 0;
                }
              };
        } catch (StoreException e) {
          if (e.error() != StoreError.NO_SUCH_BUCKET) failed(e);
          bucket = null;
        } catch (IOException | RuntimeException e) {
          failed(e);
          bucket = null;
        }
      }
      return bucket == null && buckets.isEmpty();
    }

    private void failed(Exception e) {
      LOG.warn("lifecycle: bucket {} failed: {}", bucket, e.toString());
      stats.error();
      lastError = bucket + ": " + e.getMessage();
    }

    /** Moves to the next bucket with a configuration; false when there is none left. */
    private boolean nextBucket() {
      while (!buckets.isEmpty()) {
        String b = buckets.poll();
        Optional<LifecycleConfiguration> c;
        try {
          c = configs.configuration(b);
        } catch (StoreException e) {
          if (e.error() == StoreError.NOT_IMPLEMENTED) {
            unsupported = true;
            buckets.clear();
            return false;
          }
          if (e.error() != StoreError.NO_SUCH_BUCKET) {
            bucket = b;
            failed(e);
            bucket = null;
          }
          continue;
        } catch (IOException | RuntimeException e) {
          bucket = b;
          failed(e);
          bucket = null;
          continue;
        }
        if (c.isEmpty()) continue;
        configured.put(b, c.get());
        bucket = b;
        config = c.get();
        phase = Phase.OBJECTS;
        cursor = null;
        uploadIdMarker = null;
        return true;
      }
      return false;
    }

    /** The bucket in progress: the phases run only after nextBucket() chose one. */
    private String current() {
      return Objects.requireNonNull(bucket, "a phase runs on the bucket nextBucket() chose");
    }

    private void advance(Phase next) {
      phase = next;
      cursor = null;
      uploadIdMarker = null;
    }

    private int objects(int budget) throws IOException {
      List<LifecycleRule> rules =
          config.rules().stream()
              .filter(r -> r.enabled() && (r.expiresObjects() || r.transitionsObjects()))
              .toList();
      if (rules.isEmpty()) {
        advance(Phase.UPLOADS);
        return 0;
      }
      String prefix = commonPrefix(rules);
      ListPage page =
          store.list(current(), new ListQuery(prefix, null, cursor, Math.min(budget, 1000)));
      Instant now = clock.instant();
      for (LifecycleRule r : rules) stats.evaluated(current(), r, page.objects().size(), now);
      for (ObjectInfo o : page.objects()) {
        Optional<Expiry> due =
            evaluator.objectExpiry(
                config, o.key(), o.size(), o.metadata().tags(), o.lastModified());
        if (due.isEmpty() || !due.get().dueAt(now)) {
          transition(o, now);
          continue;
        }
        if (store.deleteObjectIfUnchanged(current(), o.key(), o.etag(), o.lastModified())) {
          stats.objectExpired(current(), due.get().ruleId(), o.size());
          LOG.debug("lifecycle: expired {}/{} (rule {})", current(), o.key(), due.get().ruleId());
        }
      }
      if (page.truncated() && page.nextAfter() != null) {
        cursor = page.nextAfter();
      } else {
        advance(Phase.UPLOADS);
      }
      return Math.max(1, page.objects().size());
    }

    /**
     * Moves {@code o} to the storage class its due Transition names, when the engine has tiers, a
     * tier serves the class and it is colder than the object's ({@link TierMover}); a failed move
     * is counted and tried again in the next pass.
     */
    private void transition(ObjectInfo o, Instant now) {
      if (store.tiering().isEmpty()) return;
      Optional<Transition> t =
          evaluator.objectTransition(
              config, o.key(), o.size(), o.metadata().tags(), o.lastModified(), now);
      if (t.isEmpty()) return;
      try {
        if (TierMover.move(store, current(), o, t.get().storageClass())) {
          LOG.debug("lifecycle: moved {}/{} to {}", current(), o.key(), t.get().storageClass());
        }
      } catch (IOException | RuntimeException e) {
        failed(e);
      }
    }

    private int uploads(int budget) throws IOException {
      List<LifecycleRule> rules =
          config.rules().stream().filter(r -> r.enabled() && r.abortsUploads()).toList();
      if (rules.isEmpty()) {
        advance(Phase.VERSIONS);
        return 0;
      }
      UploadsPage page =
          store.listUploads(
              current(),
              new UploadsQuery(
                  commonPrefix(rules), null, cursor, uploadIdMarker, Math.min(budget, 1000)));
      Instant now = clock.instant();
      for (LifecycleRule r : rules) stats.evaluated(current(), r, page.uploads().size(), now);
      for (UploadInfo u : page.uploads()) {
        Optional<Expiry> due = evaluator.uploadAbort(config, u.key(), u.initiated());
        if (due.isEmpty() || !due.get().dueAt(now)) continue;
        try {
          store.abortUpload(current(), u.key(), u.uploadId());
          stats.uploadAborted(current(), due.get().ruleId());
          LOG.debug(
              "lifecycle: aborted upload {} of {}/{} (rule {})",
              u.uploadId(),
              current(),
              u.key(),
              due.get().ruleId());
        } catch (StoreException e) {
          if (e.error() != StoreError.NO_SUCH_UPLOAD) throw e;
          // completed or aborted meanwhile: nothing left to do
        }
      }
      if (page.truncated() && page.nextKeyMarker() != null) {
        cursor = page.nextKeyMarker();
        uploadIdMarker = page.nextUploadIdMarker();
      } else {
        advance(Phase.VERSIONS);
      }
      return Math.max(1, page.uploads().size());
    }

    private int versions(int budget) throws IOException {
      boolean any = config.rules().stream().anyMatch(r -> r.enabled() && r.actsOnVersions());
      if (!any) {
        advance(Phase.DONE);
        return 0;
      }
      VersionSweeper.Step step =
          versions.sweep(current(), config, evaluator, cursor, budget, clock.instant());
      stats.versionsExpired(step.removed(), step.bytesFreed());
      if (step.nextCursor() == null) {
        advance(Phase.DONE);
      } else {
        cursor = step.nextCursor();
      }
      return (int) Math.max(1, Math.min(budget, step.examined()));
    }

    void finish() {
      stats.passFinished(clock.instant(), configured, lastError);
    }
  }

  /** The longest prefix shared by every rule's filter prefix ("" when they share none). */
  static String commonPrefix(List<LifecycleRule> rules) {
    String p = null;
    for (LifecycleRule r : rules) {
      String q = r.filter().prefix();
      if (p == null) {
        p = q;
        continue;
      }
      int n = 0;
      while (n < p.length() && n < q.length() && p.charAt(n) == q.charAt(n)) n++;
      p = p.substring(0, n);
    }
    if (p == null) return "";
    // never split a surrogate pair: the store matches prefixes on UTF-8 bytes
    if (!p.isEmpty() && Character.isHighSurrogate(p.charAt(p.length() - 1))) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
