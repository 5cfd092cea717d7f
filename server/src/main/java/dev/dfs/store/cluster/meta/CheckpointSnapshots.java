package dev.dfs.store.cluster.meta;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots of the metadata as RocksDB checkpoints: {@code sm/snapshot/<term>_<index>/} holds the
 * checkpoint of the database as applied up to that log position. Only the newest is kept. Ratis
 * sends the files of {@link #getLatestSnapshot()} to a follower that is too far behind, which
 * receives them in {@link #getTmpDir()} and then replaces {@link #getSnapshotDir()} with them as a
 * whole; the state machine then installs that checkpoint as its database. Called by Ratis's state
 * machine updater thread (one at a time) and by the leader's snapshot sender; directory listing and
 * creation are safe to overlap.
 *
 * <p>Ratis asks for {@link #getLatestSnapshot()} on every loop of every log appender (to decide
 * whether a follower needs a snapshot), hundreds of times a second under load, so the answer is
 * remembered instead of listing the directory each time (2% of a node's CPU under a 4 KiB PUT
 * load). Every change to the directory is followed by a {@link #latest()}, which lists it again and
 * replaces the remembered answer: a snapshot taken ({@link #keepNewestOnly()} after the
 * checkpoint), old ones removed (the same call), and a snapshot installed from the leader (Ratis
 * moves it in place, then the state machine's {@code reinitialize} reads {@link #latest()}).
 */
final class CheckpointSnapshots implements StateMachineStorage {
  /** Ratis's state machine directory; null until Ratis calls {@link #init}, before any other. */
  private volatile @Nullable File smDir;

  /**
   * What the last listing found (its {@code info} is null when there was no snapshot); null until
   * the first listing, or after one failed. Written under the object's lock, read without it.
   */
  private volatile @Nullable Listed listed;

  /** One listing of the snapshot directory; {@code info} is null for "no snapshot". */
  private record Listed(@Nullable SnapshotInfo info) {}

  @Override
  public void init(RaftStorage raftStorage) throws IOException {
    smDir = raftStorage.getStorageDir().getStateMachineDir();
    Files.createDirectories(getSnapshotDir().toPath());
  }

  @Override
  public File getSnapshotDir() {
    return new File(smDir, "snapshot");
  }

  @Override
  public File getTmpDir() {
    return new File(smDir, "snapshot-tmp");
  }

  /**
   * Lists the directory: the newest complete snapshot and its position, or null. The answer is also
   * what {@link #getLatestSnapshot()} returns from now on; call this after every change to the
   * directory.
   */
  synchronized @Nullable Latest latest() throws IOException {
    listed = null; // a failed listing leaves nothing stale behind
    Latest best = scanNewest();
    listed = new Listed(best == null ? null : info(best));
    return best;
  }

  private @Nullable Latest scanNewest() throws IOException {
    Path root = getSnapshotDir().toPath();
    if (!Files.isDirectory(root)) return null;
    Latest best = null;
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.toList()) {
        TermIndex ti = parse(p.getFileName().toString());
        if (ti != null
            && Files.isDirectory(p)
            && (best == null || ti.getIndex() > best.at().getIndex())) {
          best = new Latest(p, ti);
        }
      }
    }
    return best;
  }

  private static SnapshotInfo info(Latest l) throws IOException {
    List<FileInfo> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(l.dir())) {
      for (Path f : s.sorted().toList())
        if (Files.isRegularFile(f)) files.add(new FileInfo(f, null));
    }
    return new FileListSnapshotInfo(files, l.at());
  }

  record Latest(Path dir, TermIndex at) {}

  /** The snapshot the last {@link #latest()} found (listing the directory only the first time). */
  @Override
  public @Nullable SnapshotInfo getLatestSnapshot() {
    Listed l = listed;
    if (l != null) return l.info();
    try {
      latest();
      l = listed;
      return l == null ? null : l.info();
    } catch (IOException e) {
      return null; // a snapshot being replaced right now: the caller asks again later
    }
  }

  /** Where the snapshot at {@code at} goes (a directory that does not exist yet). */
  Path target(TermIndex at) {
    return getSnapshotDir().toPath().resolve(at.getTerm() + "_" + at.getIndex());
  }

  /** Removes every snapshot but the newest (listing the directory again first). */
  void keepNewestOnly() throws IOException {
    Latest l = latest();
    if (l == null) return;
    try (Stream<Path> s = Files.list(getSnapshotDir().toPath())) {
      for (Path p : s.toList()) if (!p.equals(l.dir())) deleteTree(p);
    }
  }

  @Override
  public void format() {
    // nothing to prepare: directories are made on demand
  }

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    keepNewestOnly();
  }

  private static @Nullable TermIndex parse(String name) {
    int u = name.indexOf('_');
    if (u <= 0) return null;
    try {
      return TermIndex.valueOf(
          Long.parseLong(name.substring(0, u)), Long.parseLong(name.substring(u + 1)));
    } catch (NumberFormatException e) {
      return null; // not a snapshot directory (e.g. RocksDB's "<dir>.tmp" during a checkpoint)
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
