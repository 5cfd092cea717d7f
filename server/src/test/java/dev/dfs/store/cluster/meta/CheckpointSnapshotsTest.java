package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remembered newest snapshot against the directory: it answers without listing between changes
 * and matches the directory after each of the changes the state machine makes or sees (a snapshot
 * taken, old ones removed, one installed from the leader).
 */
class CheckpointSnapshotsTest {
  @TempDir Path dir;
  private RaftStorage storage;
  private final CheckpointSnapshots snapshots = new CheckpointSnapshots();

  @BeforeEach
  void init() throws Exception {
    storage =
        RaftStorage.newBuilder()
            .setDirectory(dir.resolve("raft").toFile())
            .setOption(RaftStorage.StartupOption.RECOVER)
            .setStorageFreeSpaceMin(SizeInBytes.ONE_KB)
            .build();
    storage.initialize();
    snapshots.init(storage);
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  /** A snapshot directory as a RocksDB checkpoint leaves it (two files are enough here). */
  private Path checkpoint(Path root, long term, long index) throws Exception {
    Path d = root.resolve(term + "_" + index);
    Files.createDirectories(d);
    Files.writeString(d.resolve("CURRENT"), "MANIFEST-000001\n");
    Files.writeString(d.resolve("000001.sst"), "rows up to " + index);
    return d;
  }

  private static TermIndex at(SnapshotInfo s) {
    return s.getTermIndex();
  }

  @Test
  void anEmptyDirectoryHasNoSnapshot() throws Exception {
    assertThat(snapshots.getLatestSnapshot()).isNull();
    assertThat(snapshots.latest()).isNull();
  }

  @Test
  void theAnswerIsRememberedUntilTheNextListing() throws Exception {
    Path root = snapshots.getSnapshotDir().toPath();
    checkpoint(root, 1, 10);
    SnapshotInfo first = snapshots.getLatestSnapshot();
    assertThat(first).isNotNull();
    assertThat(at(first)).isEqualTo(TermIndex.valueOf(1, 10));
    assertThat(first.getFiles()).hasSize(2);

    // a change nobody announced stays unseen: the answer is not a listing per call
    checkpoint(root, 1, 20);
    assertThat(snapshots.getLatestSnapshot()).isSameAs(first);

    assertThat(snapshots.latest().at()).isEqualTo(TermIndex.valueOf(1, 20));
    assertThat(at(snapshots.getLatestSnapshot())).isEqualTo(TermIndex.valueOf(1, 20));
  }

  @Test
  void takingASnapshotAndRemovingTheOldOnesKeepsTheAnswerRight() throws Exception {
    Path root = snapshots.getSnapshotDir().toPath();
    checkpoint(root, 1, 10);
    assertThat(at(snapshots.getLatestSnapshot())).isEqualTo(TermIndex.valueOf(1, 10));

    // what MetaStateMachine.takeSnapshot does: a checkpoint at target(), then keepNewestOnly()
    Path taken = snapshots.target(TermIndex.valueOf(2, 30));
    checkpoint(root, 2, 30);
    snapshots.keepNewestOnly();

    SnapshotInfo now = snapshots.getLatestSnapshot();
    assertThat(at(now)).isEqualTo(TermIndex.valueOf(2, 30));
    assertThat(now.getFiles())
        .allSatisfy(f -> assertThat(f.getPath()).startsWith(taken))
        .hasSize(2);
    assertThat(Files.exists(root.resolve("1_10"))).isFalse();
  }

  @Test
  void aSnapshotInstalledFromTheLeaderIsSeenOnceTheStateIsReloaded() throws Exception {
    Path root = snapshots.getSnapshotDir().toPath();
    checkpoint(root, 1, 10);
    assertThat(at(snapshots.getLatestSnapshot())).isEqualTo(TermIndex.valueOf(1, 10));

    // what Ratis does with a snapshot received from the leader: the files go to the tmp
    // directory, which then replaces the snapshot directory as a whole
    Path tmp = snapshots.getTmpDir().toPath();
    checkpoint(tmp, 3, 500);
    CheckpointSnapshots.deleteTree(root);
    Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);

    // then reinitialize(): the state machine's loadState() asks latest() for what to install
    CheckpointSnapshots.Latest loaded = snapshots.latest();
    assertThat(loaded.at()).isEqualTo(TermIndex.valueOf(3, 500));
    SnapshotInfo now = snapshots.getLatestSnapshot();
    assertThat(at(now)).isEqualTo(TermIndex.valueOf(3, 500));
    assertThat(now.getFiles())
        .allSatisfy(f -> assertThat(f.getPath()).startsWith(root.resolve("3_500")));
  }

  @Test
  void aSnapshotDirectoryThatIsGoneMeansNoSnapshot() throws Exception {
    Path root = snapshots.getSnapshotDir().toPath();
    checkpoint(root, 1, 10);
    assertThat(snapshots.getLatestSnapshot()).isNotNull();
    // the snapshot directory is gone (replaced right now): no stale answer survives the listing
    CheckpointSnapshots.deleteTree(root);
    assertThat(snapshots.latest()).isNull();
    assertThat(snapshots.getLatestSnapshot()).isNull();
  }
}
