package dev.dfs.store.local;

import dev.dfs.store.AccessTiering.Tracking;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.VersionIds;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
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
 */
final class AccessLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
  static final long FLUSH_MILLIS = 5_000;
  static final int MAX_PENDING = 200_000;
  static final String TRACKED_CLASS = "INTELLIGENT_TIERING";

  /** One version as it was read (its ETag tells a later write apart). */
  private record Read(String bucket, String key, String versionId, String etag) {
    static Read of(ObjectInfo info) {
      String v = info.versionId();
      return new Read(info.bucket(), info.key(), v == null ? VersionIds.NULL : v, info.etag());
    }
  }

  private final Catalog catalog;
  private final KeyLocks locks;
  private final Map<Read, Long> pending = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Tracking mode = Tracking.INTELLIGENT_TIERING;
  private @Nullable Thread thread;

  AccessLog(Catalog catalog, KeyLocks locks) {
    this.catalog = catalog;
    this.locks = locks;
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

  /** Writes every pending read into its version's metadata; returns how many were written. */
  int flush() throws IOException {
    long lost = dropped.getAndSet(0);
    if (lost > 0)
      log.info(
          "access log: {} reads were not recorded (over {} versions pending)", lost, MAX_PENDING);
    int written = 0;
    for (Read r : java.util.List.copyOf(pending.keySet())) {
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
