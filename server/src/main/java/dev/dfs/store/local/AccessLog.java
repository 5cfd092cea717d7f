package dev.dfs.store.local;

import dev.dfs.store.AccessTiering.Tracking;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.VersionIds;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When versions were last read, kept cheaply: a read costs one map update in memory (no metadata
 * write on the hot path); every {@link #FLUSH_MILLIS} ms, and on close, the map is written into the
 * versions' metadata ({@link ObjectAttributes#LAST_ACCESS}), one rewrite per version read since the
 * last flush however often it was read. A crash loses at most the reads of the last flush interval
 * (such objects look older than they are, by seconds). Reads of a version that changed before the
 * flush are dropped (its new data counts from its write). At most {@link #MAX_PENDING} versions
 * wait; reads beyond are counted as dropped until the next flush. Thread-safe.
 *
 * <p><b>On a cluster</b> only the leader commits metadata. A node that is not the leader now sends
 * its pending reads to the leader instead ({@link AccessRelay}, in batches of at most {@link
 * AccessBatch#MAX_READS}), whose log takes them in ({@link #accept}) and writes them with its own
 * at its next flush; every replica then applies the same last access. A read's time is the clock of
 * the node that served it. A crash loses at most what one log held unflushed: the follower's reads
 * of its last interval, or what the leader took in since its last flush. That only makes objects
 * look older than they are, so a move back to FREQUENT comes one read later, never data. A follower
 * that cannot reach the leader keeps its reads for the next flush, at most {@link #MAX_PENDING}
 * versions: beyond that the oldest are dropped and counted.
 */
final class AccessLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
  static final long FLUSH_MILLIS = 5_000;
  static final int MAX_PENDING = 200_000;
  static final String TRACKED_CLASS = "INTELLIGENT_TIERING";

  /** One version as it was read (its ETag tells a later write apart). */
  record Read(String bucket, String key, String versionId, String etag) {
    static Read of(ObjectInfo info) {
      String v = info.versionId();
      return new Read(info.bucket(), info.key(), v == null ? VersionIds.NULL : v, info.etag());
    }
  }

  private final Catalog catalog;
  private final KeyLocks locks;
  private final java.util.function.BooleanSupplier writable;
  private final @Nullable AccessRelay relay;
  private final Map<Read, Long> pending = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Tracking mode = Tracking.INTELLIGENT_TIERING;
  private @Nullable Thread thread;

  /**
   * @param writable whether this node may commit metadata now (on a cluster: it is the leader)
   * @param relay where reads go while it may not; null on one node (they then wait)
   */
  AccessLog(
      Catalog catalog,
      KeyLocks locks,
      java.util.function.BooleanSupplier writable,
      @Nullable AccessRelay relay) {
    this.catalog = catalog;
    this.locks = locks;
    this.writable = writable;
    this.relay = relay;
  }

  void mode(Tracking m) {
    mode = m;
  }

  Tracking mode() {
    return mode;
  }

  /** Records a read of {@code info}'s version now, when the mode tracks it. */
  void accessed(ObjectInfo info) {
    Tracking m = mode;
    if (m == Tracking.OFF || info.deleteMarker()) return;
    if (m == Tracking.INTELLIGENT_TIERING
        && !TRACKED_CLASS.equals(info.metadata().storageClass())) {
      return;
    }
    Read r = Read.of(info);
    if (pending.size() >= MAX_PENDING && !pending.containsKey(r)) {
      dropped.incrementAndGet();
      return;
    }
    pending.put(r, catalog.clock().millis());
  }

  /** The last read of {@code info}'s version not yet flushed, or null. */
  @Nullable Long pending(ObjectInfo info) {
    return pending.get(Read.of(info));
  }

  synchronized void start() {
    if (thread != null) return;
    thread = Thread.ofPlatform().daemon().name("dfs-access-log").start(this::loop);
  }

  private void loop() {
    try {
      while (!stopped.await(FLUSH_MILLIS, TimeUnit.MILLISECONDS)) {
        flushQuietly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (IOException | RuntimeException e) {
      log.warn("writing the access log failed (kept for the next flush): {}", e.toString());
    }
  }

  /**
   * Writes every pending read into its version's metadata, or, on a node that may not commit now
   * and has a relay, sends them to the leader; returns how many were written or sent.
   */
  int flush() throws IOException {
    long lost = dropped.getAndSet(0);
    if (lost > 0)
      log.info(
          "access log: {} reads were not recorded (over {} versions pending)", lost, MAX_PENDING);
    AccessRelay to = relay;
    if (to != null && !writable.getAsBoolean()) return forward(to);
    int written = 0;
    for (Read r : List.copyOf(pending.keySet())) {
      Long at = pending.remove(r);
      if (at == null) continue;
      try {
        if (write(r, at)) written++;
      } catch (IOException | RuntimeException ex) {
        pending.merge(r, at, Math::max); // keep it for the next flush
        throw ex;
      }
    }
    return written;
  }

  /** Sends every pending read to the leader; what was not delivered waits for the next flush. */
  private int forward(AccessRelay to) throws IOException {
    List<AccessBatch.Entry> taken = new ArrayList<>();
    for (Read r : List.copyOf(pending.keySet())) {
      Long at = pending.remove(r);
      if (at != null) taken.add(new AccessBatch.Entry(r, at));
    }
    int sent = 0;
    try {
      while (sent < taken.size()) {
        List<AccessBatch.Entry> part =
            taken.subList(sent, Math.min(taken.size(), sent + AccessBatch.MAX_READS));
        to.send(AccessBatch.encode(part));
        sent += part.size();
      }
      return sent;
    } catch (IOException | RuntimeException e) {
      requeue(taken.subList(sent, taken.size()));
      throw e;
    }
  }

  /** Puts reads back that were not delivered; beyond {@link #MAX_PENDING}, drops the oldest. */
  private void requeue(List<AccessBatch.Entry> undelivered) {
    for (AccessBatch.Entry e : undelivered) pending.merge(e.read(), e.at(), Math::max);
    int over = pending.size() - MAX_PENDING;
    if (over <= 0) return;
    List<Map.Entry<Read, Long>> oldest = new ArrayList<>(pending.entrySet());
    oldest.sort(Map.Entry.comparingByValue());
    for (Map.Entry<Read, Long> e : oldest.subList(0, Math.min(over, oldest.size()))) {
      if (pending.remove(e.getKey(), e.getValue())) dropped.incrementAndGet();
    }
  }

  /**
   * On the leader: takes in a batch of reads a follower sent ({@link AccessBatch}'s form), written
   * at this log's next flush. Returns how many were taken (the rest are counted as dropped).
   *
   * @throws IllegalArgumentException when {@code batch} is malformed
   */
  int accept(byte[] batch) {
    int taken = 0;
    for (AccessBatch.Entry e : AccessBatch.decode(batch)) {
      if (pending.size() >= MAX_PENDING && !pending.containsKey(e.read())) {
        dropped.incrementAndGet();
        continue;
      }
      pending.merge(e.read(), e.at(), Math::max);
      taken++;
    }
    return taken;
  }

  /** Rewrites the version's last access if it is unchanged and older; under its key's lock. */
  private boolean write(Read r, long at) throws IOException {
    try (KeyLocks.Held l = locks.key(r.bucket(), r.key())) {
      ObjectRecord rec = catalog.version(r.bucket(), r.key(), r.versionId());
      if (rec == null || rec.deleteMarker() || !rec.etag().equals(r.etag())) return false;
      String old = rec.metadata().attribute(ObjectAttributes.LAST_ACCESS);
      if (old != null && Long.parseLong(old) >= at) return false;
      Map<String, String> attrs = new TreeMap<>(rec.metadata().attributes());
      attrs.put(ObjectAttributes.LAST_ACCESS, Long.toString(at));
      catalog.rewriteMetadata(
          r.bucket(), r.key(), r.versionId(), rec.metadata().withAttributes(attrs));
      return true;
    } catch (dev.dfs.store.StoreException e) {
      return false; // the bucket or version went away
    }
  }

  @Override
  public void close() {
    stopped.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flushQuietly();
  }
}
