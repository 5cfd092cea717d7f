package dev.dfs.server;

import dev.dfs.admin.MasterKeyRotations;
import dev.dfs.crypto.MasterKey;
import dev.dfs.identity.IdentityStores;
import dev.dfs.kms.KeyService;
import dev.dfs.s3.SseS3Reseal;
import dev.dfs.store.ObjectStore;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the master key: a new key becomes current beside the old one ({@link
 * MasterKey#beginRotation}), then a background worker seals every value sealed under the old key
 * again under the new one, and finally the old key is retired ({@link MasterKey#retirePrevious}).
 * What it seals again: the identity table's access key secrets and master key check, the storage
 * tiers' remote secrets, the key service's KMS key material (so SSE-KMS objects need no rewrite),
 * and every SSE-S3 object version's data key ({@link SseS3Reseal}).
 *
 * <p>Resumable: the worker keeps its {@link RotationCursor} in the identity table after each page
 * of objects; a server that starts with a previous key still configured continues the rotation
 * where the cursor stands (or from the start, when the crash came before the first cursor was
 * written). Values written under the old key while a walk ran (a request that had sealed before the
 * switch) are caught by up to {@value #MAX_PASSES} further walks. Open SSE-S3 multipart uploads
 * cannot be rewritten: while some are under the old key the rotation ends {@code WAITING} and keeps
 * the old key; rotating again after they finish retires it.
 *
 * <p>Refused on a cluster: each node holds the master key in its own configuration or data
 * directory, so the switch to a new key cannot be made on every node at once through this API.
 * Thread-safe.
 */
public final class MasterKeyRotation implements MasterKeyRotations, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MasterKeyRotation.class);

  /** The identity table key of the {@link RotationCursor}. */
  static final String CURSOR_KEY = "master-key-rotation";

  private static final int MAX_PASSES = 3;

  /** Stops a walk early, as a crash would (tests); asked after each page with the items done. */
  @FunctionalInterface
  public interface Interrupt {
    boolean stopAfter(long done);
  }

  private final MasterKey key;
  private final ObjectStore store;
  private final SystemTable table;
  private final @Nullable KeyService kms;
  private final SseS3Reseal objects;
  private final Interrupt interrupt;
  private final Clock clock;
  private @Nullable Thread worker;
  private volatile boolean stopping;

  /**
   * Readiness' view of a running rotation (idle: finished); each saved step is due within 10 min.
   */
  private final dev.dfs.util.Heartbeat heartbeat = idle();

  private static dev.dfs.util.Heartbeat idle() {
    dev.dfs.util.Heartbeat h = new dev.dfs.util.Heartbeat("master-key-rotation", STEP_DUE);
    h.finished();
    return h;
  }

  private static final java.time.Duration STEP_DUE = java.time.Duration.ofMinutes(10);

  /** The rotation worker's liveness: dead or stalled while it runs fails readiness. */
  public dev.dfs.util.Heartbeat heartbeat() {
    return heartbeat;
  }

  /**
   * @param table the identity table: its secrets are sealed again and it keeps the cursor
   * @param kms the key service whose material is sealed again, or null when there is none
   * @param pageSize object versions per page (and per cursor write)
   */
  public MasterKeyRotation(
      MasterKey key,
      ObjectStore store,
      SystemTable table,
      @Nullable KeyService kms,
      int pageSize,
      Interrupt interrupt,
      Clock clock) {
    this.key = key;
    this.store = store;
    this.table = table;
    this.kms = kms;
    this.objects = new SseS3Reseal(store, key, pageSize);
    this.interrupt = interrupt;
    this.clock = clock;
  }

  @Override
  public synchronized Status rotate() throws IOException {
    if (store.cluster().isPresent()) {
      throw new Refused(
          true,
          "Master-key rotation is not available on the cluster engine: each"
              + " node holds the master key in its own configuration, so this API cannot switch"
              + " every node to a new key at once.");
    }
    if (worker != null && worker.isAlive()) return status();
    if (key.previousIds().isEmpty()) {
      if (!key.fromKeyFile()) {
        throw new Refused(
            false,
            "The master key comes from DFS_MASTER_KEY, which DFS cannot"
                + " change: set the new key in DFS_MASTER_KEY and the current one in"
                + " DFS_MASTER_KEY_PREVIOUS, restart, and rotate again.");
      }
      key.beginRotation();
      LOG.info(
          "master key rotation: new key {} is current, previous key {} only opens",
          key.id(),
          key.previousIds());
    }
    startWorker();
    return status();
  }

  /** At start-up: continues a rotation that a previous key still configured shows unfinished. */
  public synchronized void resumeIfUnfinished() throws IOException {
    if (store.cluster().isPresent() || key.previousIds().isEmpty()) return;
    Optional<RotationCursor> c = cursor();
    if (c.isPresent()
        && !c.get().state().equals(RotationCursor.RUNNING)
        && c.get().keyId().equals(key.id())) {
      return; // ended (WAITING or FAILED): the operator rotates again
    }
    LOG.info("master key rotation to key {} is unfinished: continuing", key.id());
    startWorker();
  }

  private void startWorker() throws IOException {
    Optional<RotationCursor> c = cursor();
    // a stopped or failed rotation continues at its position; an ended one starts afresh
    boolean resume =
        c.isPresent()
            && c.get().keyId().equals(key.id())
            && (c.get().state().equals(RotationCursor.RUNNING)
                || c.get().state().equals(RotationCursor.FAILED));
    RotationCursor from =
        resume
            ? c.get().resumed()
            : RotationCursor.start(key.id(), key.previousIds(), clock.instant());
    save(from);
    stopping = false;
    worker = Thread.ofVirtual().name("dfs-master-key-rotation").start(() -> run(from));
  }

  /** Runs the rotation from {@code from} on this thread; returns where it ended or stopped. */
  RotationCursor run(RotationCursor from) {
    heartbeat.started();
    heartbeat.beat(STEP_DUE);
    try {
      return rotate(from);
    } finally {
      heartbeat.finished(); // ended, stopped or failed as recorded in its cursor: not dead
    }
  }

  private RotationCursor rotate(RotationCursor from) {
    RotationCursor c = from;
    try {
      if (c.total() < 0) c = save(c.counted(stale()));
      while (true) {
        Optional<RotationCursor> walked = walk(c);
        if (walked.isEmpty()) return cursor().orElse(c);
        c = walked.get();
        long stale = stale();
        if (stale == 0 || c.pass() >= MAX_PASSES) return save(finish(c, stale));
        c = save(c.nextPass(stale));
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("master key rotation failed: {}", e.toString());
      try {
        return save(
            c.ended(
                RotationCursor.FAILED,
                c.pendingUploads(),
                clock.instant(),
                "Failed: " + e.getMessage() + ". Rotate again to continue."));
      } catch (IOException again) {
        LOG.error("cannot record the rotation's failure: {}", again.toString());
        return c;
      }
    }
  }

  /** One walk: the identity table, then the objects; empty when it was stopped. */
  private Optional<RotationCursor> walk(RotationCursor from) throws IOException {
    RotationCursor c = from;
    if (c.position() == null) {
      int n =
          IdentityStores.resealSecrets(table, key)
              + (kms == null ? 0 : kms.resealMaterial())
              + (store.tiering().isEmpty()
                  ? 0
                  : store.tiering().get().connect(key).resealSecrets());
      c = save(c.advanced(SseS3Reseal.Position.START, n));
    }
    RotationCursor[] at = {c};
    boolean finished =
        objects.sweep(
            c.position(),
            (next, resealed) -> {
              at[0] = save(at[0].advanced(next, resealed));
              return !stopping && !interrupt.stopAfter(at[0].done());
            });
    return finished ? Optional.of(at[0]) : Optional.empty();
  }

  private RotationCursor finish(RotationCursor c, long stale) throws IOException {
    long pending = objects.staleUploads();
    if (stale > 0 || pending > 0) {
      String why =
          stale > 0
              ? stale
                  + " values were written under the previous key while the rotation ran;"
                  + " rotate again to seal them."
              : pending
                  + " open SSE-S3 multipart uploads hold data keys sealed under the previous"
                  + " key, which is kept for them: complete or abort them, then rotate again to"
                  + " retire it.";
      LOG.warn("master key rotation: {}", why);
      return c.ended(RotationCursor.WAITING, pending, clock.instant(), why);
    }
    List<String> retired = key.previousIds();
    key.retirePrevious();
    LOG.info(
        "master key rotation done: {} values sealed again under key {}; key {} retired",
        c.done(),
        key.id(),
        retired);
    // nothing is left under the previous key: all counted is done, also what a crash re-sealed
    // after the last cursor write (the resumed walk found it current and did not count it)
    RotationCursor all = c.advanced(c.position(), Math.max(0, c.total() - c.done()));
    return all.ended(
        RotationCursor.DONE,
        0,
        clock.instant(),
        key.fromKeyFile()
            ? "The previous key is kept in "
                + MasterKey.RETIRED_FILE_PREFIX
                + String.join(",", retired)
                + " for backups made before the rotation; delete it when they expire."
            : "The previous keys are no longer used: remove DFS_MASTER_KEY_PREVIOUS.");
  }

  private long stale() throws IOException {
    return IdentityStores.staleSecrets(table, key)
        + (kms == null ? 0 : kms.staleMaterial())
        + objects.stale();
  }

  @Override
  public Status status() throws IOException {
    Optional<RotationCursor> c = cursor();
    if (c.isEmpty()) {
      return new Status("IDLE", key.id(), key.previousIds(), 0, 0, 0, null, null, null);
    }
    RotationCursor r = c.get();
    return new Status(
        r.state(),
        key.id(),
        key.previousIds(),
        r.done(),
        r.total(),
        r.pendingUploads(),
        r.started().toString(),
        r.finished() == null ? null : r.finished().toString(),
        r.message());
  }

  private Optional<RotationCursor> cursor() throws IOException {
    Optional<byte[]> value = table.get(CURSOR_KEY);
    return value.isEmpty() ? Optional.empty() : Optional.of(RotationCursor.read(value.get()));
  }

  private RotationCursor save(RotationCursor c) throws IOException {
    heartbeat.beat(STEP_DUE);
    table.write(
        changes -> {
          changes.put(CURSOR_KEY, c.write());
          return c;
        });
    return c;
  }

  /** Stops the worker after its current page (the cursor keeps where), waiting up to 10 s. */
  @Override
  public void close() throws InterruptedException {
    Thread w;
    synchronized (this) {
      stopping = true;
      w = worker;
    }
    if (w != null) w.join(java.time.Duration.ofSeconds(10));
  }

  /** Waits for the worker to end (tests). */
  public void awaitWorker(java.time.Duration timeout) throws InterruptedException {
    Thread w;
    synchronized (this) {
      w = worker;
    }
    if (w != null) w.join(timeout);
  }
}
