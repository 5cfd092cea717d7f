package dev.dfs.store.cluster;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.data.Placement;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node list chunk {@link Placement} works over, committed through Raft so that every member
 * (a node that joined later too, whose own seeds name only some members) places a chunk alike.
 * It is a record in the replicated system table {@value #TABLE} (in the metadata RocksDB, so it
 * is in every snapshot), key {@code v1}: one line {@code id chunk-address} per node.
 *
 * <p>Version 1 is the initial voters: the first leader that finds no layout commits its seeds
 * (the same list on every initial node, so placement before and after the commit is the same).
 * Until this node has applied a layout it places over its seeds. Only version 1 exists for
 * now: moving data to added nodes (staged, shown, applied layout versions) is the next step, so
 * a node added later holds no chunks. {@link #placement()} is cheap and thread-safe; one virtual
 * thread commits version 1 when this node leads and stops once a layout is applied.
 */
final class CommittedLayout implements AutoCloseable {
  static final String TABLE = "cluster-layout";
  private static final Logger log = LoggerFactory.getLogger(CommittedLayout.class);
  private static final String V1 = "v1";

  private final SystemTable table;
  private final List<Node> seeds;
  private final AtomicReference<Placement> placement;
  private final AtomicReference<List<Node>> nodes;
  private final SystemTable.Subscription subscription;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread bootstrap;

  /** Reads the committed layout (or starts from {@code seeds}) and commits version 1 once {@code leads}. */
  CommittedLayout(SystemTable table, List<Node> seeds, BooleanSupplier leads, Duration every) {
    this.table = table;
    this.seeds = List.copyOf(seeds);
    this.placement = new AtomicReference<>(new Placement(seeds));
    this.nodes = new AtomicReference<>(this.seeds);
    this.subscription = table.listen(new SystemTable.Listener() {
      @Override
      public void applied(List<SystemTable.Entry> changes) {
        reload();
      }

      @Override
      public void replaced() {
        reload();
      }
    });
    reload();
    this.bootstrap = Thread.ofVirtual().name("dfs-layout-bootstrap").start(() -> commitFirst(leads, every));
  }

  /** The placement of the layout applied here (the seeds' before any). */
  Placement placement() {
    return placement.get();
  }

  /** The nodes of the layout applied here (the seeds before any). */
  List<Node> nodes() {
    return nodes.get();
  }

  private void reload() {
    try {
      Optional<byte[]> v1 = table.get(V1);
      if (v1.isPresent()) {
        List<Node> committed = decode(v1.get());
        nodes.set(List.copyOf(committed));
        placement.set(new Placement(committed));
      }
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read the committed layout (placing over the seeds meanwhile): {}", e.toString());
    }
  }

  private void commitFirst(BooleanSupplier leads, Duration every) {
    try {
      while (!committed()) {
        if (leads.getAsBoolean()) tryCommit();
        if (stop.await(every.toMillis(), TimeUnit.MILLISECONDS)) return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean committed() {
    try {
      return table.get(V1).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private void tryCommit() {
    try {
      table.write(changes -> {
        if (table.get(V1).isEmpty()) changes.put(V1, encode(seeds));
        return null;
      });
      log.info("committed layout version 1: {} node(s)", seeds.size());
    } catch (IOException | RuntimeException e) {
      log.debug("layout version 1 not committed yet: {}", e.toString());
    }
  }

  /**
   * Commits {@code state} for the layout's node {@code id} (on the leader; the caller holds the
   * membership lock, so changes are one at a time). Returns false when the layout has no such
   * node.
   */
  boolean setState(String id, NodeState state) throws IOException {
    boolean[] found = new boolean[1];
    table.write(changes -> {
      Optional<byte[]> v1 = table.get(V1);
      List<Node> current = v1.isPresent() ? decode(v1.get()) : seeds;
      List<Node> next = new ArrayList<>();
      for (Node n : current) {
        if (n.id().equals(id)) {
          found[0] = true;
          next.add(new Node(n.id(), n.address(), n.zone(), n.weight(), state));
        } else {
          next.add(n);
        }
      }
      if (found[0]) changes.put(V1, encode(next));
      return null;
    });
    return found[0];
  }

  /** The layout's node {@code id} as applied here, if it has one. */
  Optional<Node> node(String id) {
    return nodes().stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** One line {@code id address} per node, plus the state when it is not ACTIVE. */
  static byte[] encode(List<Node> nodes) {
    StringBuilder b = new StringBuilder();
    for (Node n : nodes) {
      b.append(n.id()).append(' ').append(n.address().getAuthority());
      if (n.state() != NodeState.ACTIVE) b.append(' ').append(n.state().name().toLowerCase(java.util.Locale.ROOT));
      b.append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static List<Node> decode(byte[] record) {
    List<Node> out = new ArrayList<>();
    for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) continue;
      String[] f = line.split(" ");
      if (f.length < 2 || f.length > 3 || f[0].isEmpty()) throw new IllegalArgumentException("bad layout line '" + line + "'");
      NodeState state = f.length == 3 ? NodeState.valueOf(f[2].toUpperCase(java.util.Locale.ROOT)) : NodeState.ACTIVE;
      out.add(new Node(f[0], URI.create("http://" + f[1]), null, 1, state));
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    stop.countDown();
    subscription.close();
    bootstrap.join(Duration.ofSeconds(15));
  }
}
