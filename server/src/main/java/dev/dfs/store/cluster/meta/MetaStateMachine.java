package dev.dfs.store.cluster.meta;

import dev.dfs.store.local.MetaReplica;
import dev.dfs.store.local.MetaReplica.Position;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine whose state is one replica's RocksDB metadata ({@link MetaReplica}).
 *
 * <ul>
 *   <li><b>Apply</b>: an entry ({@link MetaEntries}) is a serialized WriteBatch computed by the
 *       leader (one write's, or the records of several concurrent writes: {@link RaftMetaLog}'s
 *       group commit). It is applied, together with the entry's log position, as one unsynced
 *       RocksDB write: the Raft log is the durable record, and whatever RocksDB lost in a crash the
 *       log replays from the position RocksDB kept. Apply depends only on the entry and the state
 *       before it, so every replica reaches the same state at the same index. An entry admitted in
 *       a term other than the one it was logged in, or not carrying the cluster's MAC, is applied
 *       as nothing (only the position advances) on every replica alike; an entry made on another
 *       column family layout stops this replica (applying it would write into the wrong column
 *       families).
 *   <li><b>Snapshot</b>: a flush and RocksDB checkpoint ({@link CheckpointSnapshots}); Ratis then
 *       purges the log up to it. A follower behind the purged log receives the leader's checkpoint
 *       and {@link #reinitialize()} installs it as its whole database.
 *   <li><b>Restart</b>: Ratis replays its log from the newest snapshot (from the start when there
 *       is none); the applied position starts there, as Ratis's does. The database, whose unsynced
 *       writes survive a process crash, may be further: the entries it holds are passed over (not
 *       applied twice) and the position advances over them, so that a snapshot is never labelled
 *       with a position Ratis has not applied.
 *   <li><b>Query</b>: answers nothing; it exists so that a linearizable read-only request
 *       (ReadIndex) is a read barrier: Ratis calls it once this replica applied everything
 *       committed when the read started.
 * </ul>
 *
 * Ratis calls apply, snapshot and reinitialize from one thread, in log order.
 */
final class MetaStateMachine extends BaseStateMachine {
  private static final Logger log = LoggerFactory.getLogger(MetaStateMachine.class);

  /** What an apply made of an entry, as the reply's content. */
  enum Outcome {
    APPLIED,
    STALE,
    FORGED
  }

  /** Leadership events, for {@link RaftMetaLog}'s admission of writes. */
  interface Events {
    void leaderReady();

    void leadershipChanged();
  }

  private final MetaReplica replica;
  private final MetaEntries entries;
  private final CheckpointSnapshots snapshots = new CheckpointSnapshots();
  private final Events events;
  private final int layout;

  /**
   * The database's applied index when the state was last loaded (start, snapshot install): entries
   * up to it are in the database already. Written by {@link #loadState}, read by the applying
   * thread (the same Ratis thread).
   */
  private volatile long durable = -1;

  MetaStateMachine(MetaReplica replica, MetaEntries entries, Events events) throws IOException {
    this.replica = replica;
    this.entries = entries;
    this.events = events;
    this.layout = replica.layout();
  }

  int layout() {
    return layout;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage)
      throws IOException {
    super.initialize(server, groupId, storage);
    snapshots.init(storage);
    getLifeCycle().startAndTransition(this::loadState, IOException.class);
  }

  /**
   * Before a snapshot from the leader replaces the state (Ratis then calls {@link
   * #reinitialize()}).
   */
  @Override
  public void pause() {
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  @Override
  public void reinitialize() throws IOException {
    loadState();
    getLifeCycle().transition(LifeCycle.State.STARTING);
    getLifeCycle().transition(LifeCycle.State.RUNNING);
  }

  /**
   * Installs a snapshot newer than the database (one just received), then starts from the
   * snapshot's position, which is where Ratis resumes applying (at start, and after it installed a
   * snapshot). The database may be further (its writes outlive the process): the entries up to
   * {@link #durable} are replayed as already applied.
   */
  private void loadState() throws IOException {
    Position at = replica.applied();
    CheckpointSnapshots.Latest snap = snapshots.latest();
    if (snap != null && (at == null || snap.at().getIndex() > at.index())) {
      log.info("installing metadata checkpoint {} (database was at {})", snap.at(), at);
      replica.install(snap.dir());
      at = replica.applied();
    }
    durable = at == null ? -1 : at.index();
    setLastAppliedTermIndex(snap == null ? TermIndex.INITIAL_VALUE : snap.at());
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    // refuse a forged or foreign entry before it takes a place in the log
    MetaEntries.Entry e = entries.decode(request.getMessage().getContent().toByteArray(), layout);
    if (e.check() != MetaEntries.Check.OK)
      throw new IOException("metadata entry refused: " + e.check());
    return super.startTransaction(request);
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    try {
      Outcome outcome = apply(entry);
      return CompletableFuture.completedFuture(Message.valueOf(outcome.name()));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Outcome apply(LogEntryProto entry) throws IOException {
    Position at = new Position(entry.getTerm(), entry.getIndex());
    MetaEntries.Entry e =
        entries.decode(entry.getStateMachineLogEntry().getLogData().toByteArray(), layout);
    Outcome outcome =
        switch (e.check()) {
          case OK -> e.admittedTerm() == at.term() ? Outcome.APPLIED : Outcome.STALE;
          case FORGED -> Outcome.FORGED;
          case OTHER_LAYOUT, UNKNOWN_FORMAT ->
              throw new IllegalStateException(
                  "metadata entry "
                      + at
                      + " was made on another metadata layout or format ("
                      + e.check()
                      + "): this replica stops rather than diverge");
        };
    if (!alreadyApplied(at.index()))
      replica.apply(outcome == Outcome.APPLIED ? e.batch() : null, at);
    updateLastAppliedTermIndex(at.term(), at.index());
    return outcome;
  }

  /**
   * Whether the database already holds the entry at {@code index}. After a process crash Ratis
   * replays its log from its newest snapshot (or from the start when there is none), while the
   * database, whose writes outlive the process, may already be further ({@link #durable}). Those
   * entries are in the database once; they are skipped, not applied twice, but Ratis's applied
   * position still advances over them one by one, so that it never runs ahead of the entries Ratis
   * has handed over (a snapshot is taken only at a position Ratis applied).
   */
  private boolean alreadyApplied(long index) {
    return index <= durable;
  }

  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    // a configuration or metadata entry: record the position so that a restart resumes after it
    if (!alreadyApplied(index)) {
      try {
        replica.apply(null, new Position(term, index));
      } catch (IOException e) {
        throw new IllegalStateException("cannot record applied position " + term + ":" + index, e);
      }
    }
    super.notifyTermIndexUpdated(term, index);
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  /**
   * Checkpoints the database at the position Ratis applied last. While Ratis is still replaying
   * entries the database already held at start ({@link #alreadyApplied}), the database is ahead of
   * that position, so no checkpoint can be labelled with it: none is taken until the replay has
   * passed the database's position (Ratis asks again later).
   */
  @Override
  public long takeSnapshot() throws IOException {
    TermIndex at = getLastAppliedTermIndex();
    if (at == null || at.getIndex() < 0 || at.getIndex() < durable) return -1;
    java.nio.file.Path target = snapshots.target(at);
    if (!java.nio.file.Files.exists(target)) replica.checkpoint(target);
    snapshots.keepNewestOnly();
    return at.getIndex();
  }

  @Override
  public void notifyLeaderReady() {
    events.leaderReady();
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
    events.leadershipChanged();
  }
}
