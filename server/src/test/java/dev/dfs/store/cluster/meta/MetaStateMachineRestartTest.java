package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import dev.dfs.store.local.MetaLog;
import dev.dfs.store.local.MetaReplica;
import dev.dfs.store.local.MetaReplica.Position;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.LogProtoUtils;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

/**
 * The state machine after a process crash: its database (whose writes outlive the process) is ahead
 * of its newest checkpoint, and Ratis replays its log from that checkpoint. Ratis's applied
 * position must start at the checkpoint and advance entry by entry, and no checkpoint may be
 * labelled with a position Ratis has not applied yet (Ratis rejects such a snapshot as a state
 * machine bug, and would purge its log up to it).
 */
class MetaStateMachineRestartTest {
  private static final MetaStateMachine.Events NO_EVENTS =
      new MetaStateMachine.Events() {
        @Override
        public void leaderReady() {}

        @Override
        public void leadershipChanged() {}
      };

  private final MetaEntries entries = new MetaEntries(RaftMetaGroup.SECRET);

  @Test
  void replayAfterACrashStartsAtTheCheckpointSkipsWhatTheDatabaseHoldsAndSnapshotsOnlyWhereRatisIs(
      @TempDir Path dir) throws Exception {
    MetaReplica[] bound = new MetaReplica[1];
    try (LocalStore store =
        LocalStore.openReplicated(
            dir.resolve("node"),
            LocalStoreOptions.defaults().withBackgroundSweep(false),
            r -> {
              bound[0] = r;
              return new NoLog();
            })) {
      MetaReplica replica = bound[0];
      RaftStorage storage =
          RaftStorage.newBuilder()
              .setDirectory(dir.resolve("raft").toFile())
              .setOption(RaftStorage.StartupOption.RECOVER)
              .setStorageFreeSpaceMin(SizeInBytes.ONE_KB)
              .build();
      storage.initialize();
      try {
        // what a SIGKILL leaves: a checkpoint at 1:40, the database at 1:100
        replica.apply(null, new Position(1, 40));
        Path snapshotDir =
            storage.getStorageDir().getStateMachineDir().toPath().resolve("snapshot");
        Files.createDirectories(snapshotDir);
        replica.checkpoint(snapshotDir.resolve("1_40"));
        replica.apply(null, new Position(1, 100));

        MetaStateMachine machine = new MetaStateMachine(replica, entries, NO_EVENTS);
        machine.initialize(server(), RaftMetaLog.GROUP, storage);
        assertThat(machine.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(1, 40));
        assertThat(machine.takeSnapshot())
            .as("no snapshot ahead of what Ratis applied")
            .isEqualTo(-1);

        for (long i = 41; i <= 100; i++) apply(machine, i, replica.layout());
        assertThat(machine.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(1, 100));
        assertThat(replica.applied()).isEqualTo(new Position(1, 100));

        apply(machine, 101, replica.layout());
        assertThat(replica.applied())
            .as("an entry past the database is applied")
            .isEqualTo(new Position(1, 101));
        assertThat(machine.takeSnapshot()).isEqualTo(101);
        assertThat(Files.isDirectory(snapshotDir.resolve("1_101"))).isTrue();
        assertThat(Files.exists(snapshotDir.resolve("1_40")))
            .as("only the newest snapshot is kept")
            .isFalse();
      } finally {
        storage.close();
      }
    }
  }

  /**
   * Applies an (empty) entry admitted and logged in term 1 at {@code index}, as Ratis's applier
   * does.
   */
  private void apply(MetaStateMachine machine, long index, int layout) throws Exception {
    byte[] batch;
    try (WriteBatch wb = new WriteBatch()) {
      batch = wb.data();
    }
    StateMachineLogEntryProto data =
        StateMachineLogEntryProto.newBuilder()
            .setLogData(ByteString.copyFrom(entries.encode(layout, 1, batch)))
            .build();
    LogEntryProto entry = LogProtoUtils.toLogEntryProto(data, 1, index);
    TransactionContext trx =
        TransactionContext.newBuilder()
            .setServerRole(RaftPeerRole.FOLLOWER)
            .setStateMachine(machine)
            .setLogEntry(entry)
            .build();
    assertThat(machine.applyTransaction(trx).get().getContent().toStringUtf8())
        .isEqualTo("APPLIED");
  }

  /** Just enough of a Raft server for the state machine's own bookkeeping (its id). */
  private static RaftServer server() {
    return (RaftServer)
        Proxy.newProxyInstance(
            RaftServer.class.getClassLoader(),
            new Class<?>[] {RaftServer.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getId" -> RaftPeerId.valueOf("n1");
                  case "toString" -> "n1";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** The replicated log is not exercised here: the test drives the state machine itself. */
  private static final class NoLog implements MetaLog {
    @Override
    public void commit(WriteBatch batch) {
      throw new UnsupportedOperationException("no log in this test");
    }

    @Override
    public void close() {}
  }
}
