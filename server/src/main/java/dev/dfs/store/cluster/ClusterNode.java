package dev.dfs.store.cluster;

import dev.dfs.store.ClusterView;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.ChunkService;
import dev.dfs.store.cluster.data.ClusterSecret;
import dev.dfs.store.cluster.data.MemberRequests;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeHealth;
import dev.dfs.store.cluster.data.NodeInfo;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.data.PeerTransport;
import dev.dfs.store.cluster.data.Placement;
import dev.dfs.store.cluster.data.RepairQueue;
import dev.dfs.store.cluster.data.ReplicaCopier;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.cluster.data.Replicas;
import dev.dfs.store.cluster.data.ReplicatedReader;
import dev.dfs.store.cluster.data.ReplicatedWriter;
import dev.dfs.store.cluster.data.ReplicationMetrics;
import dev.dfs.store.cluster.meta.ClusterSettings;
import dev.dfs.store.cluster.meta.RaftMetaLog;
import dev.dfs.store.cluster.meta.RaftTuning;
import dev.dfs.store.cluster.repair.DrainScan;
import dev.dfs.store.cluster.repair.DurableRepairQueue;
import dev.dfs.store.cluster.repair.LiveOwners;
import dev.dfs.store.cluster.repair.MovePredictor;
import dev.dfs.store.cluster.repair.NodeListing;
import dev.dfs.store.cluster.repair.NodeLiveness;
import dev.dfs.store.cluster.repair.OrphanCheck;
import dev.dfs.store.cluster.repair.OrphanSweep;
import dev.dfs.store.cluster.repair.RepairSettings;
import dev.dfs.store.cluster.repair.RepairWorker;
import dev.dfs.store.cluster.repair.StoreCatalog;
import dev.dfs.store.cluster.repair.Upkeep;
import dev.dfs.store.local.ChunkVolume;
import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a cluster ({@code STORAGE_ENV=cluster}), started from its {@link ClusterSettings}:
 *
 * <ol>
 *   <li>its chunk volume (the data dir's {@code chunks/} and {@code tmp/}, the local engine's
 *       layout) served to peers by a {@link ChunkService} on the cluster address's port;
 *   <li>a {@link ReplicaBackend} over the seeds: {@link dev.dfs.store.cluster.data.Placement}
 *       (equal weights, see below) picks {@code rf} nodes per chunk, writes are acknowledged at
 *       {@code rf / 2 + 1};
 *   <li>a {@link LocalStore} over that backend whose metadata is a member of the Raft group ({@link
 *       RaftMetaLog}, on the cluster port + 1, log and snapshots in {@code raft/});
 *   <li>a {@link PeerDirectory} polling the peers' node info, and the {@link ClusterView};
 *   <li>its {@link RepairWorker} (queue and cursors in {@code repair/}) and {@link Scrubber}.
 * </ol>
 *
 * <p>Placement is a pure function of the committed layout ({@link CommittedLayout}: version 1 is
 * the initial seed list, committed through Raft by the first leader), the same on every node, so a
 * chunk written through one leader is found through any other, also a node that joined later
 * ({@link Joiner}) whose own seeds name only some members. Later versions (with zones, capacities
 * and states) are staged and applied through {@link LayoutService}; while data moves, writes go to
 * every active version's owners. Membership changes go through {@link MembershipService}.
 *
 * <p>The caller guarantees no other process uses {@code dataDir} (the server holds the identity
 * store's lock on it first). {@link #close} stops everything started here, in reverse order.
 * Thread-safe.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

  /**
   * How often peers' node info is polled. Each poll is an authenticated HTTP exchange with every
   * peer, and an idle three-node cluster spent about as much CPU on them at one per second as on
   * its Raft heartbeats; every two seconds halves that, and a peer that stops answering is still
   * SUSPECT within a poll and DOWN after {@link PeerDirectory#DOWN_AFTER}, as before.
   */
  static final Duration POLL_EVERY = Duration.ofSeconds(2);

  /** How long replicas of a deleted chunk are kept for reads in flight on other nodes. */
  static final Duration DELETE_GRACE = Duration.ofSeconds(30);

  /** How often a joining node asks the seeds to add it, until it is a member. */
  static final Duration JOIN_EVERY = Duration.ofSeconds(2);

  private final List<AutoCloseable> started;
  private final ClusterStore store;
  private final RaftClusterView view;
  private final LocalStore local;
  private final RepairQueue repairs;
  private final RepairWorker repairWorker;
  private final AtomicReference<URI> s3Endpoint;
  private final RaftMetaLog raft;
  private final CommittedLayout layout;
  private final ChunkVolume volume;

  private ClusterNode(
      List<AutoCloseable> started,
      ClusterStore store,
      RaftClusterView view,
      LocalStore local,
      RepairQueue repairs,
      RepairWorker repairWorker,
      AtomicReference<URI> s3Endpoint,
      RaftMetaLog raft,
      CommittedLayout layout,
      ChunkVolume volume) {
    this.volume = volume;
    this.raft = raft;
    this.layout = layout;
    this.started = started;
    this.store = store;
    this.view = view;
    this.local = local;
    this.repairs = repairs;
    this.repairWorker = repairWorker;
    this.s3Endpoint = s3Endpoint;
  }

  /**
   * {@link #start(ClusterSettings, Path, LocalStoreOptions, int, RaftTuning, String,
   * RepairSettings)} with {@link RepairSettings#defaults()}.
   */
  public static ClusterNode start(
      ClusterSettings settings,
      Path dataDir,
      LocalStoreOptions options,
      int replicationFactor,
      RaftTuning tuning,
      String sharedSettings)
      throws IOException {
    return start(
        settings,
        dataDir,
        options,
        replicationFactor,
        tuning,
        sharedSettings,
        RepairSettings.defaults());
  }

  /**
   * Starts this node. {@code replicationFactor} is capped at the number of seeds. {@code
   * sharedSettings} is the text of the settings every node must share (root credentials, master
   * key): only a keyed digest of it leaves this process, so nodes can tell a peer configured
   * differently.
   */
  public static ClusterNode start(
      ClusterSettings settings,
      Path dataDir,
      LocalStoreOptions options,
      int replicationFactor,
      RaftTuning tuning,
      String sharedSettings,
      RepairSettings repairSettings)
      throws IOException {
    if (replicationFactor < 1) throw new IllegalArgumentException("replication factor < 1");
    Files.createDirectories(dataDir);
    Startup startup =
        new Startup(settings, dataDir, options, replicationFactor, tuning, repairSettings);
    try {
      return startup.run(sharedSettings);
    } catch (Exception e) {
      closeAll(startup.started);
      if (e instanceof IOException io) throw io;
      if (e instanceof RuntimeException re) throw re;
      throw new IOException(
          "cannot start cluster node " + settings.nodeId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * One node's start-up, step by step in the order the parts depend on each other: the chunk side
   * (volume, transport, repair queue, replicated backend), the chunk service, the replicated
   * metadata (LocalStore over Raft, layout, membership), then peers and upkeep, and last the view
   * and the store. Everything started is in {@link #started}, so a failed step closes what the
   * earlier ones started. Used once, by {@link #start}.
   */
  private static final class Startup {
    private final ClusterSettings settings;
    private final Path dataDir;
    private final LocalStoreOptions options;
    private final RaftTuning tuning;
    private final RepairSettings repairSettings;

    /**
     * The node's clock ({@link LocalStoreOptions#clock}): stamps records, peer requests, liveness.
     */
    private final Clock clock;

    private final ClusterSecret secret;

    /** How the chunk service and client speak: plain HTTP or mutual TLS ({@code settings.tls}). */
    private final PeerTransport transport;

    /** The replication factor: a joining node's seeds are only some of the members. */
    private final int rf;

    private final List<Node> nodes;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final PeerDirectory[] peerDir = new PeerDirectory[1];
    private final AtomicReference<CommittedLayout> layout = new AtomicReference<>();
    private final AtomicReference<OrphanCheck> orphans =
        new AtomicReference<>(); // set once the metadata is open
    private final AtomicReference<MembershipService> membership = new AtomicReference<>();
    private final AtomicReference<URI> s3 = new AtomicReference<>();

    /** The engine once open: reads reported by followers go into its access log. */
    private final AtomicReference<LocalStore> opened = new AtomicReference<>();

    private final RaftMetaLog[] raft = new RaftMetaLog[1];
    private final RepairWorker[] worker =
        new RepairWorker[1]; // started by upkeep, over the same catalog
    private final NodeHealth health;
    private final FaultCounter faults = new FaultCounter();

    Startup(
        ClusterSettings settings,
        Path dataDir,
        LocalStoreOptions options,
        int replicationFactor,
        RaftTuning tuning,
        RepairSettings repairSettings) {
      this.settings = settings;
      this.dataDir = dataDir;
      this.options = options;
      this.tuning = tuning;
      this.repairSettings = repairSettings;
      this.clock = options.clock();
      this.health = new NodeHealth(clock, Duration.ofSeconds(30));
      this.secret = ClusterSecret.of(settings.secret());
      this.transport =
          settings.tls() ? PeerTransport.tls(settings.secret()) : PeerTransport.plain();
      this.rf =
          settings.joining()
              ? replicationFactor
              : Math.min(replicationFactor, settings.seeds().size());
      this.nodes =
          settings.seeds().stream()
              .map(
                  p ->
                      new Node(
                          p.id(), URI.create("http://" + p.address()), null, 1, NodeState.ACTIVE))
              .toList();
    }

    ClusterNode run(String sharedSettings) throws Exception {
      Chunks chunks = openChunks();
      String digest =
          RaftClusterView.hmacHex(settings.secret(), "dfs-shared-settings\n" + sharedSettings);
      java.util.function.Supplier<NodeInfo> self =
          () -> selfInfo(settings, dataDir, s3.get(), digest, worker[0]);
      started.add(
          ChunkService.start(
              settings.nodeId(),
              chunks.volume(),
              secret,
              transport,
              settings.address().host(),
              settings.address().port(),
              clock,
              self,
              memberRequests(chunks.accessRelay())));
      Metadata meta = openMetadata(chunks);
      Running running = startPeersAndUpkeep(chunks, meta, digest);
      return assemble(chunks, meta, running, self);
    }

    /** Peers' membership requests (503 until the metadata is open) and access batches. */
    private MemberRequests memberRequests(AccessRelayToLeader accessRelay) {
      return new MemberRequests() {
        @Override
        public Answer handle(java.util.Map<String, String> params) {
          MembershipService m = membership.get();
          return m == null
              ? new Answer(503, "node " + settings.nodeId() + " is starting")
              : m.handle(params);
        }

        @Override
        public Answer accesses(byte[] batch) {
          return accessRelay.accept(batch);
        }

        @Override
        public Answer term() {
          RaftMetaLog metaLog = raft[0];
          if (metaLog == null) return new Answer(503, "node " + settings.nodeId() + " is starting");
          try {
            return new Answer(200, metaLog.termAndLeader().encode());
          } catch (IOException | RuntimeException e) {
            return Answer.failed(503, e);
          }
        }
      };
    }

    /** The chunk side, as {@link #openChunks} started it. */
    private record Chunks(
        ChunkVolume volume,
        ChunkClient client,
        AccessRelayToLeader accessRelay,
        DurableRepairQueue repairs,
        NodeLiveness liveness,
        LiveOwners owners,
        Replicas replicas,
        ReplicaBackend backend) {}

    /** The replicated metadata, as {@link #openMetadata} opened it. */
    private record Metadata(
        LocalStore local,
        RaftMetaLog raft,
        CommittedLayout layout,
        StoreCatalog catalog,
        NodeListing listing,
        LayoutService layoutService,
        MembershipService membership) {}

    /** The peers' directory and the upkeep, as {@link #startPeersAndUpkeep} started them. */
    private record Running(PeerDirectory peers, Upkeep upkeep) {}

    /**
     * The chunk side: volume, transport, repair queue, liveness, owners and the replicated backend.
     */
    private Chunks openChunks() throws Exception {
      ChunkVolume volume = ChunkVolume.open(dataDir, options.blockSize(), options.maxObjectSize());
      ChunkClient client =
          ChunkClient.start(
              secret, transport, clock, Duration.ofSeconds(2), Duration.ofSeconds(10));
      started.add(client);
      AccessRelayToLeader accessRelay =
          new AccessRelayToLeader(settings.nodeId(), () -> raft[0], client, opened::get);
      DurableRepairQueue repairs =
          DurableRepairQueue.open(dataDir.resolve("repair").resolve("queue"), 100_000);
      started.add(repairs);
      NodeLiveness liveness = liveness(settings.nodeId(), nodes, peerDir, repairSettings, clock);
      // owners over the committed layout's nodes (the seeds until this node applied one)
      LiveOwners owners =
          LiveOwners.overVersions(
              () -> {
                CommittedLayout committed = layout.get();
                return committed == null ? List.of(nodes) : committed.history().newestFirst();
              },
              rf,
              liveness::dead);
      Replicas replicas = new Replicas(settings.nodeId(), volume, client);
      ReplicaBackend backend =
          new ReplicaBackend(
              settings.nodeId(),
              volume,
              client,
              owners,
              new ReplicatedWriter(replicas, rf / 2 + 1, repairs, faults, clock),
              new ReplicatedReader(replicas, null, health, repairs, faults, clock),
              DELETE_GRACE,
              id -> {
                OrphanCheck check = orphans.get();
                return check != null && check.mayRemove(id);
              });
      started.add(backend);
      return new Chunks(volume, client, accessRelay, repairs, liveness, owners, replicas, backend);
    }

    /** The replicated metadata: the LocalStore over Raft, the committed layout, membership. */
    private Metadata openMetadata(Chunks c) throws Exception {
      LocalStore local =
          LocalStore.openReplicated(
              dataDir,
              options.withBackgroundSweep(false).withAccessRelay(c.accessRelay()),
              c.backend(),
              r ->
                  raft[0] =
                      RaftMetaLog.start(
                          settings.raft(),
                          dataDir.resolve("raft"),
                          r,
                          tuning,
                          new ChunkVoterProbe(c.client())));
      started.add(local);
      opened.set(local);
      RaftMetaLog metaLog = raft[0]; // openReplicated started it, or threw
      CommittedLayout committed =
          new CommittedLayout(
              local.systemTable(CommittedLayout.TABLE),
              nodes,
              metaLog::writable,
              JOIN_EVERY,
              clock);
      layout.set(committed);
      started.add(committed);
      StoreCatalog catalog = new StoreCatalog(local, metaLog::readBarrier);
      NodeListing listing = listing(settings.nodeId(), c.volume(), c.client());
      Runnable fullPass =
          () -> {
            if (worker[0] != null) worker[0].requestFullPass();
          };
      LayoutService layoutService =
          new LayoutService(
              committed,
              new MovePredictor(catalog),
              rf,
              c.liveness()::dead,
              id -> memberAddress(metaLog, id),
              fullPass,
              clock);
      MembershipService members =
          new MembershipService(
              settings.nodeId(),
              metaLog,
              c.client(),
              new Decommission(
                  committed,
                  layoutService,
                  new DrainScan(listing, catalog, c.owners()),
                  rf,
                  c.liveness()::dead,
                  fullPass),
              layoutService);
      membership.set(members);
      if (settings.joining())
        started.add(new Joiner(settings, metaLog.membership(), c.client(), JOIN_EVERY));
      return new Metadata(local, metaLog, committed, catalog, listing, layoutService, members);
    }

    /** The peers' directory, the orphan check, and the repair worker, scrubber and sweeps. */
    private Running startPeersAndUpkeep(Chunks c, Metadata m, String digest) throws Exception {
      RaftMetaLog metaLog = m.raft();
      PeerDirectory peers =
          new PeerDirectory(
              settings.nodeId(),
              () -> members(metaLog, nodes),
              c.client(),
              health,
              digest,
              POLL_EVERY,
              clock);
      peerDir[0] = peers;
      started.add(peers);
      OrphanCheck check =
          new OrphanCheck(m.catalog(), metaLog::commitsInDoubt, m.local()::chunkInUse);
      orphans.set(check);
      Upkeep upkeep =
          Upkeep.start(
              new RepairWorker.Wiring(
                  c.repairs(),
                  m.catalog(),
                  c.owners(),
                  m.listing(),
                  new ReplicaCopier(c.replicas()),
                  () -> holders(metaLog, nodes, m.layout()),
                  c.liveness()::dead,
                  metaLog::writable,
                  clock,
                  m.layoutService(),
                  c.replicas()::delete),
              new OrphanSweep.Wiring(
                  m.listing(),
                  () -> members(metaLog, nodes),
                  c.liveness()::dead,
                  metaLog::writable,
                  m.catalog(),
                  check,
                  c.replicas()::delete,
                  clock),
              c.volume(),
              settings.nodeId(),
              dataDir.resolve("repair"),
              repairSettings);
      started.add(upkeep);
      worker[0] = upkeep.worker();
      return new Running(peers, upkeep);
    }

    /** The view and the store over everything started, and the node that closes it all. */
    private ClusterNode assemble(
        Chunks c, Metadata m, Running r, java.util.function.Supplier<NodeInfo> self) {
      RaftClusterView view =
          new RaftClusterView(
              settings,
              m.raft(),
              r.peers(),
              self,
              c.repairs(),
              rf,
              faults::failovers,
              () -> r.upkeep().status().withDrainingNodes(draining(m.layout())),
              clock,
              m.membership());
      List<AutoCloseable> closing = List.copyOf(started);
      ClusterNode[] node = new ClusterNode[1];
      ClusterStore store =
          new ClusterStore(
              m.local(),
              view,
              () -> refusal(settings.nodeId(), view, m.raft(), r.peers()),
              () -> node[0].close());
      node[0] =
          new ClusterNode(
              closing,
              store,
              view,
              m.local(),
              c.repairs(),
              r.upkeep().worker(),
              s3,
              m.raft(),
              m.layout(),
              c.volume());
      log.info(
          "cluster node {} started: chunks on {} ({}), Raft on {} (mutual TLS), {} seed(s),"
              + " replication factor {}",
          settings.nodeId(),
          settings.address(),
          settings.tls() ? "mutual TLS" : "plain HTTP",
          settings.address().raft(),
          settings.seeds().size(),
          rf);
      return node[0];
    }
  }

  /** The members of the metadata group as chunk-transport nodes; the seeds while it cannot tell. */
  private static List<Node> members(RaftMetaLog raft, List<Node> seeds) {
    try {
      List<Node> conf = raft.membership().members().stream().map(MembershipService::node).toList();
      return conf.isEmpty() ? seeds : conf;
    } catch (IOException | RuntimeException e) {
      return seeds;
    }
  }

  /** The chunk address of member {@code id} of the metadata group, if it is one. */
  private static Optional<URI> memberAddress(RaftMetaLog raft, String id) {
    try {
      return raft.membership().member(id).map(m -> MembershipService.node(m).address());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Every node that may hold chunks: the members and every active layout version's nodes, each
   * once.
   */
  private static List<Node> holders(RaftMetaLog raft, List<Node> seeds, CommittedLayout layout) {
    java.util.Map<String, Node> out = new java.util.LinkedHashMap<>();
    for (List<Node> version : layout.history().newestFirst()) {
      for (Node n : version) if (n.state() != NodeState.RETIRED) out.putIfAbsent(n.id(), n);
    }
    for (Node n : members(raft, seeds)) out.putIfAbsent(n.id(), n);
    return List.copyOf(out.values());
  }

  /**
   * Peers are dead when this node's {@link PeerDirectory} (set once started) has not heard them for
   * long.
   */
  private static NodeLiveness liveness(
      String selfId, List<Node> nodes, PeerDirectory[] peers, RepairSettings s, Clock clock) {
    return new NodeLiveness(
        nodes.stream().map(Node::id).filter(id -> !id.equals(selfId)).toList(),
        id -> peers[0] == null ? Optional.empty() : peers[0].seen(id).map(PeerDirectory.Seen::at),
        s.deadAfter(),
        clock);
  }

  /** The layout's draining nodes, in layout order. */
  private static List<String> draining(CommittedLayout layout) {
    return layout.nodes().stream()
        .filter(n -> n.state() == NodeState.DRAINING)
        .map(Node::id)
        .toList();
  }

  /** Every node's chunk listing: this node's from its volume, the others' over the chunk API. */
  private static NodeListing listing(String selfId, ChunkVolume volume, ChunkClient client) {
    return (n, after, limit) ->
        n.id().equals(selfId) ? volume.list(after, limit) : client.list(n, after, limit);
  }

  /** Why this node refuses writes now, or null when it accepts them. */
  private static @Nullable String refusal(
      String nodeId, ClusterView view, RaftMetaLog raft, PeerDirectory peers) {
    List<String> diverged = peers.diverged();
    if (!diverged.isEmpty()) {
      return "node(s) "
          + String.join(", ", diverged)
          + " have other root credentials or another master key than "
          + nodeId
          + "; writes are refused until every node has the same DFS_ROOT_ACCESS_KEY,"
          + " DFS_ROOT_SECRET_KEY and DFS_MASTER_KEY";
    }
    if (raft.writable()) return null;
    return "node "
        + nodeId
        + " does not accept writes (not the cluster's leader"
        + view.leader().map(m -> "; the leader is " + m.id()).orElse("; no leader is known now")
        + ")";
  }

  /**
   * What this node tells its peers; its repair counters are 0 until {@code worker} (null until the
   * upkeep started) has copied something.
   */
  private static NodeInfo selfInfo(
      ClusterSettings settings,
      Path dataDir,
      @Nullable URI s3,
      String digest,
      @Nullable RepairWorker worker) {
    long capacity = -1;
    long used = -1;
    try {
      FileStore fs = Files.getFileStore(dataDir);
      capacity = fs.getTotalSpace();
      used = capacity - fs.getUsableSpace();
    } catch (IOException e) {
      // unknown: reported as -1
    }
    return new NodeInfo(
        settings.nodeId(),
        settings.zone(),
        Optional.ofNullable(s3),
        capacity,
        used,
        digest,
        worker == null ? 0 : worker.chunksRepaired(),
        worker == null ? 0 : worker.bytesRepaired());
  }

  /** The store the server serves (closing it closes the node). */
  public ObjectStore store() {
    return store;
  }

  /** The cluster as this node sees it. */
  public ClusterView view() {
    return view;
  }

  /** Where this node's S3 listener is, once bound; peers learn it from node info. */
  public void advertise(URI endpoint) {
    s3Endpoint.set(endpoint);
  }

  /** Damaged or missing replicas this node noticed, for repair (and tests). */
  public RepairQueue repairs() {
    return repairs;
  }

  /**
   * The replicated system table {@code name} (see {@link LocalStore#systemTable}): records a layer
   * above keeps in the cluster's metadata, e.g. the identity store's users and keys.
   */
  public dev.dfs.util.SystemTable systemTable(String name) {
    return local.systemTable(name);
  }

  /** The placement this node uses now (the committed layout's), for tests. */
  Placement placement() {
    return layout.placement();
  }

  /** The metadata group as this node's Raft server sees it, for tests. */
  dev.dfs.store.cluster.meta.GroupState raftState() throws IOException {
    return raft.state();
  }

  /** This node's repair worker (tests). */
  RepairWorker repairWorker() {
    return repairWorker;
  }

  /** This node's chunk replicas, for tests. */
  ChunkVolume volume() {
    return volume;
  }

  /** This node's local store, for tests that compare replicas. */
  LocalStore local() {
    return local;
  }

  @Override
  public void close() throws IOException {
    Exception failure = closeAll(started);
    if (failure instanceof IOException io) throw io;
    if (failure != null)
      throw new IOException("stopping the cluster node: " + failure.getMessage(), failure);
  }

  /** Closes in reverse start order, each even if another failed; returns the first failure. */
  private static @Nullable Exception closeAll(List<AutoCloseable> started) {
    Exception first = null;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        if (first == null) first = e;
      }
    }
    return first;
  }

  /** Counts reads that failed over to another replica. */
  private static final class FaultCounter implements ReplicationMetrics {
    private final AtomicLong failovers = new AtomicLong();

    @Override
    public void readFault(String nodeId, ReplicaFault fault) {
      failovers.incrementAndGet();
    }

    @Override
    public void writeFault(String nodeId, ReplicaFault fault) {
      // reported for repair by the writer; not counted here
    }

    @Override
    public void quorumLost() {
      // the write fails with UNAVAILABLE; the S3 layer counts 503s
    }

    long failovers() {
      return failovers.get();
    }
  }
}
