package dev.dfs.s3;

import dev.dfs.store.BucketQuota;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreUsage;
import dev.dfs.store.VersioningState;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Enforces bucket quotas ({@link BucketQuota}) on the writes that add data: PutObject, POST
 * uploads, CopyObject, UploadPart, UploadPartCopy and CompleteMultipartUpload. A write is admitted
 * when the bucket's stored usage (every version, as {@link StoreUsage} counts it), plus what
 * admitted writes still in flight reserved, plus what it adds, minus what it replaces stays within
 * both limits; otherwise it is refused with 403 QuotaExceeded before its body is read. Only an
 * unversioned bucket's overwrite replaces anything (the old object's bytes and its one object); a
 * versioned bucket keeps the old version, which still counts.
 *
 * <p>Concurrency: the check and the reservation are one step per bucket, and the reservation is
 * held until the write finished (stored or failed), so concurrent writers of known length together
 * never exceed the quota. A body of unknown length grows its reservation as it streams and fails
 * with QuotaExceeded at the first byte over; it compares against the usage read when it was
 * admitted, so writes that others commit while it streams can make the bucket overshoot by their
 * size. Reservations live in this process: in a cluster every write runs on the leader, so they
 * cover the cluster. Thread-safe.
 */
final class BucketQuotas {
  private final ObjectStore store;
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

  BucketQuotas(ObjectStore store) {
    this.store = store;
  }

  /**
   * Admits a write into {@code context}'s bucket (its quota as the request loaded it) or throws
   * QuotaExceeded.
   *
   * @param replacedKey the key written (its current object is replaced in an unversioned bucket),
   *     or null when the write replaces nothing (a part)
   * @param bytes the bytes the write adds, as far as known now
   * @param objects the objects it adds (0 for a part)
   * @param streamed whether more bytes of unknown number follow through {@link
   *     QuotaReservation#meter}
   * @return the reservation to close once the write finished
   */
  QuotaReservation admit(
      BucketContext context,
      @Nullable String replacedKey,
      long bytes,
      long objects,
      boolean streamed)
      throws IOException {
    Optional<BucketQuota> quota = context.quota();
    if (quota.isEmpty()) return QuotaReservation.NONE;
    String bucket = context.name();
    StoreUsage.BucketUsage replaced = replaced(bucket, replacedKey);
    Pending p = pending.computeIfAbsent(bucket, b -> new Pending());
    // The stored usage is read under the bucket's lock: read before it, a writer that
    // committed and released its reservation in between would be counted by neither.
    QuotaCheck check =
        p.reserve(
            () -> {
              StoreUsage.BucketUsage stored =
                  store
                      .usage()
                      .map(u -> u.buckets().getOrDefault(bucket, StoreUsage.BucketUsage.EMPTY))
                      .orElse(StoreUsage.BucketUsage.EMPTY);
              return new QuotaCheck(
                  bucket,
                  quota.get(),
                  stored.bytes() - replaced.bytes(),
                  stored.objects() - replaced.objects());
            },
            bytes,
            objects);
    return new QuotaReservation(check, p, bytes, objects, streamed);
  }

  /** What an overwrite of {@code key} takes away: the current object of an unversioned bucket. */
  private StoreUsage.BucketUsage replaced(String bucket, @Nullable String key) throws IOException {
    if (key == null) return StoreUsage.BucketUsage.EMPTY;
    VersioningState state =
        store.versioning().isEmpty()
            ? VersioningState.UNVERSIONED
            : store.versioning().get().state(bucket);
    if (state != VersioningState.UNVERSIONED) return StoreUsage.BucketUsage.EMPTY;
    Optional<ObjectInfo> current = store.head(ObjectRef.current(bucket, key));
    return current.isEmpty() || current.get().deleteMarker()
        ? StoreUsage.BucketUsage.EMPTY
        : new StoreUsage.BucketUsage(1, current.get().size());
  }

  /** Bytes and objects that admitted writes of one bucket hold while they run. */
  static final class Pending {
    private long bytes;
    private long objects;

    /** What a write may not change while it is checked: the bucket's stored usage. */
    interface CheckSource {
      QuotaCheck read() throws IOException;
    }

    /**
     * Reads the check and adds to the reservations if it allows them, as one step against every
     * other reservation and release of the bucket; else throws QuotaExceeded.
     */
    synchronized QuotaCheck reserve(CheckSource source, long addBytes, long addObjects)
        throws IOException {
      QuotaCheck check = source.read();
      check.require(bytes + addBytes, objects + addObjects, addBytes);
      bytes += addBytes;
      objects += addObjects;
      return check;
    }

    /** Adds streamed bytes if {@code check} allows them; false (nothing added) if not. */
    synchronized boolean grow(QuotaCheck check, long addBytes) {
      if (!check.allows(bytes + addBytes, objects)) return false;
      bytes += addBytes;
      return true;
    }

    synchronized void release(long releaseBytes, long releaseObjects) {
      bytes -= releaseBytes;
      objects -= releaseObjects;
    }
  }
}
