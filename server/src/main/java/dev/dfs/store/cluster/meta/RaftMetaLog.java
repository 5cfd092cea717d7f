package dev.dfs.store.cluster.meta;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.MetaLog;
import dev.dfs.store.local.MetaReplica;
import dev.dfs.store.local.WriteBatchRep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.jspecify.annotations.Nullable;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster engine's {@link MetaLog}: a node of the metadata Raft group (Apache Ratis over gRPC)
 * whose state machine ({@link MetaStateMachine}) is this node's RocksDB metadata.
 *
 * <h2>Writes</h2>
 *
 * A write is computed on the leader from its local state, under the engine's key locks, and {@link
 * #commit} returns once the entry is committed by a quorum and applied here; the engine holds the
 * key locks until then. Only an <i>admitted</i> leader accepts writes; any other node fails them at
 * once ({@link StoreError#UNAVAILABLE}; routing to the leader is the caller's job). A commit that
 * gets no quorum within {@link RaftTuning#commitTimeout()} fails with {@link
 * StoreError#UNAVAILABLE}; its outcome is then unknown (it may still commit).
 *
 * <h2>Why a committed entry is never computed from stale state</h2>
 *
 * A write reads local state and turns it into a batch, so the batch is right only if no committed
 * entry it did not see is ordered before it. Three rules ensure that.
 *
 * <ol>
 *   <li><b>Admission after readiness and quiescence.</b> Writes are admitted for term T only once
 *       this node is leader of T and ready (it applied its term's first entry, so every entry
 *       committed in earlier terms is applied here), and then only after every write being computed
 *       at that moment has finished ({@link MetaReplica#excludingWriters}: the engine's bucket
 *       lock, which every write holds from its first read to its commit). So every admitted write
 *       started reading after all earlier-term entries were applied.
 *   <li><b>Entries carry their admission term; apply checks it.</b> The entry is stamped with T,
 *       and every replica applies it as nothing (STALE) if it was logged in another term. A deposed
 *       leader's entry is then either never committed (the new leader's log wins), or, if this node
 *       was re-elected in between and logged it in a later term, discarded deterministically: it
 *       was computed without the entries of the terms in between. Within term T this node is the
 *       only writer, and a write on a key waits (key lock) for the previous write on that key to be
 *       applied here.
 *   <li><b>An entry in doubt closes admission.</b> If a commit fails without a known outcome
 *       (timeout, lost leadership, interrupt), its entry may still commit later, after writes that
 *       did not see it. Admission closes at once (before the failing write releases its key lock)
 *       and reopens only when every entry in doubt has resolved (applied, or failed for good) and,
 *       again, after quiescence, so no write computed while it was in doubt commits.
 * </ol>
 *
 * <h2>Group commit</h2>
 *
 * Concurrent writes share one Raft entry ({@link CommitBatcher}): at most {@link
 * #MAX_ENTRIES_IN_FLIGHT} write entries are submitted and not yet applied here; writes that arrive
 * meanwhile queue, and the next entry takes them all (up to {@link #MAX_WRITES_PER_ENTRY} writes
 * and {@link #MAX_ENTRY_BYTES}), as one WriteBatch made of their records in queue order, under one
 * MAC, applied on every replica as one RocksDB write with its log position. A write on an idle
 * leader is submitted at once on its own thread. Each write still pays its own computation and key
 * locks; the entry's Raft work (append, replication, each node's apply, the reply) is paid once per
 * entry. The three rules above still hold, write by write:
 *
 * <ul>
 *   <li>An entry holds only writes admitted in one term and is stamped with it, so rule 2 judges
 *       every write of an entry as it would judge the write alone: all are applied, or all are
 *       stale together.
 *   <li>Each write's commit returns with its entry's outcome and nothing else: acknowledged only if
 *       the entry was applied here, failed if it was stale, and in doubt, every one of them, if the
 *       entry's outcome is unknown (each write's wait closes admission under rule 3 and reopens it
 *       only when its entry resolved). A write that times out while still queued is in doubt too:
 *       it is submitted later (with its admission term, so rule 2 still applies) and resolves then.
 *   <li>Two writes of one entry never conflict: each holds its key locks (and the bucket lock that
 *       admission's quiescence waits for) from its first read until its own commit returns, so two
 *       writes queued at the same time hold disjoint key locks and neither read what the other
 *       writes. Applying them as one RocksDB write in queue order is then what applying them one by
 *       one as consecutive entries (their order among themselves being arbitrary anyway) would do:
 *       RocksDB applies a batch's records in order, and the concatenation ({@link
 *       dev.dfs.store.local.WriteBatchRep#concat}) is exactly the records of the parts in order.
 *       The local engine's {@code GroupCommitter} merges concurrent writes in the same way.
 * </ul>
 *
 * <h2>Reads</h2>
 *
 * {@link #readBarrier()} returns once local reads see every write acknowledged before the barrier
 * started. It is a Ratis ReadIndex request (on a follower the leader answers its commit index)
 * followed by a confirmation round, because Ratis 3.3 answers a ReadIndex at once, without a
 * heartbeat round, when the leader's commit index was already acknowledged by a majority: a leader
 * cut off from the others while nothing is written would answer from its state until it steps down,
 * while a new leader on the other side may already acknowledge writes.
 *
 * <p>The barrier reads this node's term T and leader L before and after the ReadIndex (they must be
 * the same, and L known), then asks the other voters in parallel for theirs ({@link VoterProbe});
 * it counts only once a majority of the voters (this node included) reported (T, L) after the
 * barrier started ({@link VoterTally}). Why that is enough: a write acknowledged before the start
 * was committed in some term T'. If T' were above T, a majority had a term of at least T' before
 * the start, and terms never go down, so by quorum intersection no majority could report T
 * afterwards; so T' &le; T, the entry is in L's log (leader completeness), and L's ReadIndex (Ratis
 * refuses one until L committed an entry of its own term) covers it. T and L are read both before
 * and after the ReadIndex so that the request was answered by the leader of T (a follower forwards
 * it to the leader it knows then). A failed round (no majority agrees, a voter does not answer)
 * retries the whole barrier until the commit timeout, then fails with {@link
 * StoreError#UNAVAILABLE}. A single-voter group needs no round.
 *
 * <p>Concurrent barriers share one ReadIndex request and its confirmation round ({@link
 * SharedBarrier}): a caller joins only a barrier not started yet when it arrived. The cost is one
 * parallel round trip to the voters per shared barrier, on the chunk service.
 *
 * <h2>Authentication</h2>
 *
 * Every entry carries an HMAC under the cluster secret ({@link MetaEntries}); the leader refuses
 * unsigned requests before they are logged and every replica applies a forged entry as nothing. The
 * Raft transport is mutual TLS with an identity derived from the same secret ({@link RaftTls}): a
 * process without it cannot complete a handshake with any node, so it can neither vote, append
 * entries, nor submit requests.
 *
 * <p>Thread-safe.
 */
public final class RaftMetaLog implements MetaLog {
  private static final Logger log = LoggerFactory.getLogger(RaftMetaLog.class);

  /** The metadata group of a cluster (one group for now; several later, one per shard). */
  static final RaftGroupId GROUP =
      RaftGroupId.valueOf(UUID.nameUUIDFromBytes("dfs-meta".getBytes(StandardCharsets.US_ASCII)));

  private static final Message BARRIER = Message.valueOf("barrier");

  /**
   * Write entries submitted and not yet applied here, at most (see "Group commit" above). One: a
   * write that finds an entry in flight waits for it (one round of append, replication and apply)
   * and then goes with every write that queued meanwhile, which is what makes batches form. More
   * would pipeline entries (shorter waits) but split the queue into smaller entries, and on a
   * machine where CPU is the bound it is the entries that cost.
   */
  static final int MAX_ENTRIES_IN_FLIGHT = 1;

  /**
   * Writes per entry, at most: more than the request threads that write at once in practice, so
   * that it only bounds the apply of one entry on a follower.
   */
  static final int MAX_WRITES_PER_ENTRY = 256;

  /**
   * Batch bytes per entry, at most (a first write larger than that goes alone): a quarter of
   * Ratis's appender buffer (4 MiB, the largest entry one AppendEntries carries) and far below its
   * gRPC message limit, while inline objects (up to 64 KiB each) still group by the dozen.
   */
  static final long MAX_ENTRY_BYTES = 1L << 20;

  /** Whether writes are admitted, and for which term. */
  private record Admission(long term, boolean open) {
    static final Admission CLOSED = new Admission(-1, false);
  }

  private final RaftServer server;
  private final RaftPeerId self;
  private final MetaEntries entries;
  private final MetaStateMachine machine;
  private final RaftTuning tuning;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final Set<CompletableFuture<RaftClientReply>> inDoubt = ConcurrentHashMap.newKeySet();
  private final ExecutorService admitter =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("dfs-meta-admission").factory());
  private final MetaReplica replica;
  private final AtomicLong leaderChanges = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong commitNanos = new AtomicLong();
  private final SharedBarrier barrier;
  private final VoterProbe probe;
  private final CommitBatcher<RaftClientReply> batcher =
      new CommitBatcher<>(
          this::submitEntry,
          MAX_ENTRIES_IN_FLIGHT,
          MAX_WRITES_PER_ENTRY,
          MAX_ENTRY_BYTES,
          r -> Thread.ofVirtual().name("dfs-meta-batch").start(r));
  private volatile Admission admission = Admission.CLOSED;
  private volatile boolean closed;

  private RaftMetaLog(
      ClusterSettings settings,
      Path raftDir,
      MetaReplica replica,
      RaftTuning tuning,
      VoterProbe probe)
      throws IOException {
    this.self = RaftPeerId.valueOf(settings.nodeId());
    this.probe = probe;
    this.entries = new MetaEntries(settings.secret());
    this.tuning = tuning;
    this.barrier = new SharedBarrier(this::readIndex, tuning.commitTimeout());
    this.replica = replica;
    this.machine =
        new MetaStateMachine(
            replica,
            entries,
            new MetaStateMachine.Events() {
              @Override
              public void leaderReady() {
                scheduleAdmission();
              }

              @Override
              public void leadershipChanged() {
                admission = Admission.CLOSED;
                leaderChanges.incrementAndGet();
                scheduleAdmission();
              }
            });
    List<RaftPeer> peers =
        new java.util.ArrayList<>(
            settings.seeds().stream()
                .map(
                    p ->
                        RaftPeer.newBuilder()
                            .setId(p.id())
                            .setAddress(p.address().toString())
                            .build())
                .toList());
    // a joining node starts as a learner of a configuration it has not received yet (see
    // RaftMembership#joined)
    if (settings.joining())
      peers.add(RaftMembership.learner(settings.nodeId(), settings.address().toString()));
    this.server =
        RaftServer.newBuilder()
            .setServerId(self)
            .setGroup(RaftGroup.valueOf(GROUP, peers))
            .setProperties(properties(settings, raftDir, tuning))
            .setParameters(RaftTls.parameters(settings.secret()))
            .setStateMachine(machine)
            .setOption(RaftStorage.StartupOption.RECOVER)
            .build();
  }

  /**
   * Starts this node's member of the metadata group over {@code replica}, with its Raft log and
   * snapshots under {@code raftDir}, asking the other voters through {@code probe} to confirm its
   * read barriers (see "Reads" above). Use as a {@link MetaLog.Binder}: {@code
   * LocalStore.openReplicated(dir, options, r -> RaftMetaLog.start(settings, raftDir, r, tuning,
   * probe))}.
   */
  public static RaftMetaLog start(
      ClusterSettings settings,
      Path raftDir,
      MetaReplica replica,
      RaftTuning tuning,
      VoterProbe probe)
      throws IOException {
    RaftMetaLog l = new RaftMetaLog(settings, raftDir, replica, tuning, probe);
    l.server.start();
    return l;
  }

  private static RaftProperties properties(ClusterSettings settings, Path raftDir, RaftTuning t) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
    RaftConfigKeys.Rpc.setType(
        p, new VerifiedCommitRpc()); // gRPC, see VerifiedCommitRpc for the one change
    GrpcConfigKeys.Server.setPort(p, settings.address().port());
    GrpcConfigKeys.Server.setHost(p, settings.address().host());
    RaftServerConfigKeys.Rpc.setTimeoutMin(
        p, TimeDuration.valueOf(t.electionMin().toMillis(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(
        p, TimeDuration.valueOf(t.electionMax().toMillis(), TimeUnit.MILLISECONDS));
    // A leader that heard from no majority within an election timeout steps down and then
    // stands for no election for this long (Ratis's default: 10 s). With one node down that
    // leader is often the only one the other survivor may vote for (its log is the newer), so
    // the group stayed leaderless for the whole wait, and under CPU starvation (a new leader
    // slow to send its first heartbeats) it can step down again after each election
    // (ClusterKillIT logged 10 s without a leader after one such step-down on a loaded
    // machine; repeated, the likely cause of an earlier run without a leader for two minutes).
    // One election timeout is enough to let a healthier candidate run first. (Ratis also
    // steps a leader down after a JVM pause longer than this: one that long outlived its lease.)
    RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(
        p, TimeDuration.valueOf(t.electionMax().toMillis(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(t.segmentBytes()));
    // Ratis' leader appends a metadata entry (the new commit index) each time its commit index
    // advances: an entry of its own, written and fsynced on every node, sent to each follower and
    // applied there (the applied position is a RocksDB write). Measured under 4 KiB PUTs
    // (2026-12-06): 2.01 log entries and 2 fsyncs per node per PUT with one client, 1.25 entries
    // per PUT with 32. It only lets a restarted node apply up to its last known commit index
    // before it hears from a leader; a node applies nothing useful before that anyway (writes and
    // linearizable reads need the leader, and a restarted group's new leader commits a first entry
    // of its term, which commits everything before it). Raft's safety never depends on it.
    RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, 1);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, t.snapshotEvery());
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
    // A snapshot is streamed in chunks, a few unacknowledged; a stream broken by a down
    // follower is only noticed after (chunks in flight) x the per-chunk timeout (Ratis's
    // defaults, 8 x 3 s, kept the leader from retrying for 24 s; 8 x 2 s still left a follower
    // restarted during a failed install without its checkpoint for 16 s), so the timeout
    // follows the election timing, chunks are small enough to cross a slow link within it, and
    // two in flight keep a LAN's pipe full while a broken stream is retried within 4 s.
    GrpcConfigKeys.Server.setInstallSnapshotRequestTimeout(
        p, TimeDuration.valueOf(t.electionMax().toMillis(), TimeUnit.MILLISECONDS));
    GrpcConfigKeys.Server.setInstallSnapshotRequestElementLimit(p, 2);
    RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, SizeInBytes.valueOf(4L << 20));
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    return p;
  }

  /** Whether this node is the leader and admits writes now. */
  @Override
  public boolean writable() {
    return admission.open();
  }

  /**
   * Whether a metadata write of this node failed without a known outcome and has not resolved yet:
   * its entry may still commit, so the chunks it references must not be removed.
   */
  public boolean commitsInDoubt() {
    return !inDoubt.isEmpty();
  }

  /**
   * The group as this node sees it now, from its Raft server's local state (no network I/O). Cheap;
   * safe to call on every status request or metrics scrape.
   */
  public GroupState state() throws IOException {
    var division = server.getDivision(GROUP);
    var info = division.getInfo();
    var role = info.getRoleInfoProto();
    java.util.Map<String, GroupState.Contact> contacts = new java.util.HashMap<>();
    if (role.hasLeaderInfo()) {
      var followers = role.getLeaderInfo().getFollowerInfoList();
      long[] match = info.getFollowerMatchIndices();
      for (int i = 0; i < followers.size(); i++) {
        var f = followers.get(i);
        // the two lists come from the same list of log appenders, in the same order
        long m = match.length == followers.size() ? match[i] : -1;
        contacts.put(
            f.getId().getId().toStringUtf8(),
            new GroupState.Contact(f.getLastRpcElapsedTimeMs(), m));
      }
    } else if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
      var l = role.getFollowerInfo().getLeaderInfo();
      contacts.put(
          l.getId().getId().toStringUtf8(),
          new GroupState.Contact(l.getLastRpcElapsedTimeMs(), -1));
    }
    RaftPeerId leaderId = info.getLeaderId();
    return new GroupState(
        java.util.Optional.ofNullable(leaderId).map(RaftPeerId::toString),
        info.isLeader(),
        info.getCurrentTerm(),
        division.getRaftLog().getLastCommittedIndex(),
        info.getLastAppliedIndex(),
        contacts,
        leaderChanges.get(),
        commits.get(),
        commitNanos.get(),
        batcher.entries());
  }

  /** The longest election timeout: a peer not heard from for longer is out of touch. */
  public Duration electionTimeout() {
    return tuning.electionMax();
  }

  /**
   * The first index still in this node's Raft log (entries before it were purged after a snapshot).
   */
  long logStartIndex() throws IOException {
    return server.getDivision(GROUP).getRaftLog().getStartIndex();
  }

  /** Membership of the group and its one-step changes (see {@link RaftMembership}). */
  public RaftMembership membership() {
    return new RaftMembership(server, GROUP, self, tuning.commitTimeout().toMillis());
  }

  /**
   * This node's metadata digest and applied position, from one snapshot ({@link
   * MetaReplica#snapshotDigest}).
   */
  public MetaReplica.Digest metadataDigest() throws IOException {
    return replica.snapshotDigest();
  }

  /** This node's id. */
  public String nodeId() {
    return self.toString();
  }

  @Override
  public void commit(WriteBatch batch) throws IOException {
    Admission a = admission;
    if (!a.open())
      throw unavailable("this node does not accept metadata writes now (not the ready leader)");
    byte[] data;
    try {
      data = batch.data();
    } catch (org.rocksdb.RocksDBException e) {
      throw new IOException("cannot serialize metadata batch: " + e.getMessage(), e);
    }
    long started = System.nanoTime();
    CompletableFuture<RaftClientReply> reply = batcher.commit(a.term(), data);
    RaftClientReply r = await(reply, a);
    commits.incrementAndGet();
    commitNanos.addAndGet(System.nanoTime() - started);
    String outcome = r.getMessage() == null ? "" : r.getMessage().getContent().toStringUtf8();
    if (!outcome.equals(MetaStateMachine.Outcome.APPLIED.name())) {
      throw unavailable(
          "metadata write not applied (" + outcome + "): leadership changed while it was computed");
    }
  }

  /**
   * Submits one entry holding {@code batches}, admitted in {@code term}, as one WriteBatch made of
   * their records in order ({@link WriteBatchRep#concat}) under one MAC; called by {@link
   * #batcher}.
   */
  private CompletableFuture<RaftClientReply> submitEntry(long term, List<byte[]> batches) {
    byte[] entry = entries.encode(machine.layout(), term, WriteBatchRep.concat(batches));
    return submit(
        request(
            RaftClientRequest.writeRequestType(),
            Message.valueOf(UnsafeByteOperations.unsafeWrap(entry))));
  }

  /**
   * Hands {@code request} to this node's division on the calling thread. {@link
   * RaftServer#submitClientRequestAsync} would hand it to a thread of Ratis' client pool and block
   * the caller until that thread has logged it (so that a gRPC thread never blocks): one more
   * thread hand-off per write and per read barrier, each a wait for a core on a busy machine. Our
   * callers are request threads (virtual), which may block. A failure to submit is returned as a
   * failed future, as the server's path returns it, so callers treat it alike (for a write: in
   * doubt). Falls back to the server's path if the division does not take client requests itself
   * (not the case in Ratis 3.x).
   */
  private CompletableFuture<RaftClientReply> submit(RaftClientRequest request) {
    try {
      return server.getDivision(GROUP) instanceof RaftClientAsynchronousProtocol division
          ? division.submitClientRequestAsync(request)
          : server.submitClientRequestAsync(request);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Waits for the reply within the commit timeout; any failure without a known outcome puts it in
   * doubt.
   */
  private RaftClientReply await(CompletableFuture<RaftClientReply> reply, Admission a) {
    try {
      RaftClientReply r = reply.get(tuning.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (r.isSuccess()) return r;
      doubt(reply, a);
      throw unavailable("metadata write failed: " + r.getException());
    } catch (TimeoutException e) {
      doubt(reply, a);
      throw unavailable(
          "metadata write got no quorum within " + tuning.commitTimeout().toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      doubt(reply, a);
      throw unavailable("interrupted while waiting for the metadata quorum");
    } catch (ExecutionException e) {
      doubt(reply, a);
      throw unavailable("metadata write failed: " + e.getCause());
    }
  }

  /** Closes admission (before the caller releases its locks) until {@code reply} has resolved. */
  @SuppressWarnings(
      "CollectionUndefinedEquality") // identity is the equality wanted: each reply is its own entry
  private void doubt(CompletableFuture<RaftClientReply> reply, Admission a) {
    admission = Admission.CLOSED;
    inDoubt.add(reply);
    // the reply's own outcome is reported where it is awaited; this stage only reopens admission
    CompletableFuture<?> unused =
        reply.whenComplete(
            (r, t) -> {
              inDoubt.remove(reply);
              scheduleAdmission();
            });
    log.warn("metadata write of term {} in doubt; writes paused until it resolves", a.term());
  }

  private void scheduleAdmission() {
    if (closed) return;
    try {
      admitter.execute(this::admitIfReady);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: no admission any more
    }
  }

  /**
   * Opens admission for the current term if this node is the ready leader and nothing is in doubt.
   */
  private void admitIfReady() {
    try {
      var division = server.getDivision(GROUP);
      var info = division.getInfo();
      if (closed || !info.isLeader() || !info.isLeaderReady() || !inDoubt.isEmpty()) return;
      long term = info.getCurrentTerm();
      if (admission.open() && admission.term() == term) return;
      replica.excludingWriters(
          () -> {
            if (inDoubt.isEmpty() && info.isLeader() && info.getCurrentTerm() == term) {
              admission = new Admission(term, true);
            }
          });
      if (admission.open()) log.info("node {} admits metadata writes for term {}", self, term);
    } catch (IOException | RuntimeException e) {
      log.warn("metadata admission check failed: {}", e.toString());
    }
  }

  /**
   * Returns once this node's metadata reflects every write acknowledged before the call
   * (linearizable: ReadIndex, then a majority of the voters confirm this node's term and leader;
   * see "Reads" above). Works on followers. Fails with {@link StoreError#UNAVAILABLE} when no
   * leader confirms within the commit timeout. Concurrent calls share barriers ({@link
   * SharedBarrier}).
   */
  public void readBarrier() {
    barrier.pass();
  }

  /** Read barriers this node sent since it started; concurrent readers share one. */
  public long readBarriersSent() {
    return barrier.rounds();
  }

  /** Calls of {@link #readBarrier} since this node started. */
  public long readBarrierCallers() {
    return barrier.callers();
  }

  /**
   * One barrier of its own (ReadIndex and confirmation round), retried until the commit timeout
   * (see {@link #readBarrier}).
   */
  private void readIndex() {
    long deadline = System.nanoTime() + tuning.commitTimeout().toNanos();
    String last = "no attempt";
    // while a leader is being elected (or a follower has not heard of it yet) the barrier
    // fails at once; it is retried until the deadline. One attempt waits at most an election
    // timeout: a request caught in a leadership change (a node that just restarted) may never
    // be answered, and a fresh one reaches the new leader.
    long attempt = tuning.electionMax().toNanos();
    while (System.nanoTime() < deadline) {
      try {
        TermLeader before = termAndLeader();
        RaftClientReply r =
            submit(request(RaftClientRequest.readRequestType(), BARRIER))
                .get(
                    Math.max(1, Math.min(attempt, deadline - System.nanoTime())),
                    TimeUnit.NANOSECONDS);
        if (r.isSuccess()) {
          String unconfirmed = confirm(before, Math.min(attempt, deadline - System.nanoTime()));
          if (unconfirmed == null) return;
          last = unconfirmed;
        } else {
          last = String.valueOf(r.getException());
        }
      } catch (TimeoutException e) {
        last = "no answer within " + TimeUnit.NANOSECONDS.toMillis(attempt) + " ms";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable("interrupted in a read barrier");
      } catch (ExecutionException e) {
        last = String.valueOf(e.getCause() == null ? e : e.getCause());
      } catch (IOException e) {
        last = e.toString();
      }
      pause(Duration.ofMillis(20));
    }
    throw unavailable(
        "read barrier: no leader confirmed within "
            + tuning.commitTimeout().toMillis()
            + " ms ("
            + last
            + ")");
  }

  /**
   * The confirmation round of a barrier whose ReadIndex was sent when this node saw {@code before}:
   * null once a majority of the voters reported the same term and leader, else why not. Waits at
   * most {@code waitNanos}.
   */
  private @Nullable String confirm(TermLeader before, long waitNanos)
      throws InterruptedException, IOException {
    TermLeader seen = termAndLeader();
    if (!seen.equals(before) || !seen.hasLeader())
      return "term or leader changed during the read barrier (" + before + ", then " + seen + ")";
    RaftConfiguration conf = server.getDivision(GROUP).getRaftConf();
    Map<String, String> voters = new HashMap<>();
    List<Set<String>> sets = new ArrayList<>();
    for (Collection<RaftPeer> peers : List.of(conf.getCurrentPeers(), conf.getPreviousPeers())) {
      if (peers.isEmpty()) continue;
      Set<String> ids = new HashSet<>();
      for (RaftPeer p : peers) {
        ids.add(p.getId().toString());
        voters.put(p.getId().toString(), p.getAddress());
      }
      sets.add(ids);
    }
    VoterTally tally = new VoterTally(seen, sets);
    if (voters.remove(self.toString()) != null && tally.answer(self.toString(), seen)) {
      return tally.confirmed() ? null : "no voter set in the configuration";
    }
    CompletableFuture<Void> settled = new CompletableFuture<>();
    for (Map.Entry<String, String> v : voters.entrySet()) {
      CompletableFuture<?> unused =
          probe
              .ask(v.getKey(), v.getValue())
              .whenComplete(
                  (answer, failure) -> {
                    boolean done =
                        failure == null && answer != null
                            ? tally.answer(v.getKey(), answer)
                            : tally.failed(v.getKey());
                    if (done) settled.complete(null);
                  });
    }
    try {
      settled.get(Math.max(1, waitNanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // not settled in time: not confirmed
    }
    return tally.confirmed()
        ? null
        : "no majority of the voters confirmed term "
            + seen.term()
            + " and leader "
            + seen.leader();
  }

  /**
   * This node's current term and the leader it knows ({@link TermLeader}), from its Raft server's
   * local state (no I/O): what it answers to a peer's read barrier ({@code GET /v1/term}).
   */
  public TermLeader termAndLeader() throws IOException {
    var info = server.getDivision(GROUP).getInfo();
    RaftPeerId leader = info.getLeaderId();
    long term = info.getCurrentTerm();
    return new TermLeader(term, leader == null ? "" : leader.toString());
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted in a read barrier");
    }
  }

  private RaftClientRequest request(RaftClientRequest.Type type, Message message) {
    return RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(self)
        .setGroupId(GROUP)
        .setCallId(callIds.incrementAndGet())
        .setMessage(message)
        .setType(type)
        .build();
  }

  private static StoreException unavailable(String message) {
    return new StoreException(StoreError.UNAVAILABLE, message);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    admission = Admission.CLOSED;
    batcher.close();
    admitter.shutdownNow();
    try {
      server.close();
    } catch (IOException e) {
      log.warn("closing the metadata Raft server: {}", e.getMessage());
    }
  }
}
