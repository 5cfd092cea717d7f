package dev.dfs.store.local;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves versions whose storage class a tier serves but whose bytes are still on the local disk:
 * writes whose immediate move ({@link LocalTiering#placeWritten}) failed or was cut short by a
 * crash, and versions written with a class before a tier served it. One sweep of the versions index
 * at start-up (on a cluster: each time this node becomes the leader, the only node that sweeps),
 * and another within {@link #RETRY_MILLIS} after a move failed or the tier definitions changed (a
 * tier for their class was added); each move is the crash-safe {@link LocalTiering#transition}. One
 * daemon thread; thread-safe.
 */
final class PendingPlacements implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PendingPlacements.class);

  /** The pause between sweeps while moves keep failing. */
  static final long RETRY_MILLIS = 5_000;

  /** The bytes of a version key after the object key: a 0x00 and the 16-byte version key. */
  private static final int VERSION_SUFFIX = 17;

  /** One move: {@link LocalTiering#transition}. */
  @FunctionalInterface
  interface Mover {
    boolean move(ObjectRef version, String etag, String storageClass) throws IOException;
  }

  private final MetaDb db;
  private final TierRegistry tiers;
  private final Mover mover;
  private final java.util.function.BooleanSupplier leads;
  private final AtomicBoolean due = new AtomicBoolean(true);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private @Nullable Thread thread;

  /**
   * @param leads whether this node moves versions now (always on one node; the leader on a cluster)
   */
  PendingPlacements(
      MetaDb db, TierRegistry tiers, Mover mover, java.util.function.BooleanSupplier leads) {
    this.db = db;
    this.tiers = tiers;
    this.mover = mover;
    this.leads = leads;
  }

  synchronized void start() {
    thread = Thread.ofPlatform().daemon().name("dfs-tier-place").start(this::loop);
  }

  /** Asks for another sweep after the next pause (a move failed, or a tier was defined). */
  void retryLater() {
    due.set(true);
  }

  private void loop() {
    boolean led = false;
    try {
      do {
        boolean leading = leads.getAsBoolean();
        if (leading && !led) due.set(true); // a new leader sweeps what its predecessor left
        led = leading;
        if (leading && due.getAndSet(false)) sweep();
      } while (!stopped.await(RETRY_MILLIS, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One pass over every version; returns how many moved. A failed move asks for a retry. */
  int sweep() {
    int moved = 0;
    try {
      Set<String> served = new HashSet<>();
      for (TierDefinition d : tiers.list()) served.addAll(d.storageClasses());
      if (served.isEmpty()) return 0;
      try (MetaDb.Scan s = db.scan(Cf.VERSIONS, null, null)) {
        for (s.seek(new byte[0]); s.valid() && stopped.getCount() > 0; s.next()) {
          ObjectRecord r = RecordCodec.decodeObject(s.value());
          if (pending(r, served) && moveOne(s.key(), r)) moved++;
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("looking for versions waiting to move to a tier failed (retried): {}", e.toString());
      due.set(true);
    }
    if (moved > 0) log.info("moved {} version(s) waiting for their tier", moved);
    return moved;
  }

  private static boolean pending(ObjectRecord r, Set<String> served) {
    return !r.deleteMarker()
        && r.size() > 0
        && r.metadata().attribute(ObjectAttributes.TIER) == null
        && LocalTiering.placedOnWrite(r.metadata().storageClass())
        && served.contains(r.metadata().effectiveStorageClass());
  }

  private boolean moveOne(byte[] versionKey, ObjectRecord r) {
    ObjectRef ref = ref(versionKey, r);
    try {
      return mover.move(ref, r.etag(), r.metadata().effectiveStorageClass());
    } catch (IOException | RuntimeException e) {
      log.warn(
          "moving {}/{} to the tier of {} failed (retried): {}",
          ref.bucket(),
          ref.key(),
          r.metadata().effectiveStorageClass(),
          e.toString());
      due.set(true);
      return false;
    }
  }

  /** The version a {@link KeyCodec#version} key names: {@code bucket 0x00 key 0x00 v}. */
  static ObjectRef ref(byte[] versionKey, ObjectRecord r) {
    int sep = 0;
    while (versionKey[sep] != 0) sep++;
    String bucket = new String(versionKey, 0, sep, StandardCharsets.UTF_8);
    String key = KeyCodec.string(versionKey, sep + 1, versionKey.length - VERSION_SUFFIX);
    return new ObjectRef(bucket, key, r.versionId());
  }

  @Override
  public synchronized void close() {
    stopped.countDown();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
