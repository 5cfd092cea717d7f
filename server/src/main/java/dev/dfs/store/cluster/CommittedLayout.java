package dev.dfs.store.cluster;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.data.Placement;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data layout chunk {@link Placement} works over, committed through Raft so that every member
 * (a node that joined later too, whose own seeds name only some members) places a chunk alike.
 * Records in the replicated system table {@value #TABLE} (in the metadata RocksDB, so they are in
 * every snapshot): {@code v<N>} the node list of version N (one line per node: {@code id
 * chunk-address [state] [zone=Z] [capacity=W]}), {@code applied-<N>} when it was applied (epoch
 * millis), {@code current} the newest version, {@code oldest} the oldest still active, {@code
 * staged} the staged next node list, {@code progress} the leader's record of the current move
 * ({@link LayoutHistory.Progress}), {@code settled} when the last move ended ({@link
 * LayoutHistory.Settled}: the version and the time its older versions were retired).
 *
 * <p>Version 1 is the initial voters: the first leader that finds no layout commits its seeds (the
 * same list on every initial node, so placement before and after the commit is the same). Until
 * this node has applied a layout it places over its seeds. A later version is applied from the
 * staged list ({@link #apply}) or by a drain or removal ({@link #setState}); the versions from
 * {@code oldest} to {@code current} are active (writes go to each one's owners) until {@link
 * #retire} makes the newest the only one. {@link #history()} is cheap and thread-safe; one virtual
 * thread commits version 1 when this node leads and stops once a layout is applied. Every change
 * runs on the leader (the caller holds the membership lock).
 */
final class CommittedLayout implements AutoCloseable {
  static final String TABLE = "cluster-layout";
  private static final Logger log = LoggerFactory.getLogger(CommittedLayout.class);
  private static final String V1 = "v1";
  private static final String CURRENT = "current";
  private static final String OLDEST = "oldest";
  private static final String STAGED = "staged";
  private static final String PROGRESS = "progress";
  private static final String SETTLED = "settled";

  private final SystemTable table;
  private final List<Node> seeds;
  private final Clock clock;

  /** The layout as applied here: replaced whole on each change heard, never null. */
  private volatile LayoutHistory history;

  private final SystemTable.Subscription subscription;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread bootstrap;

  /**
   * Reads the committed layout (or starts from {@code seeds}) and commits version 1 once {@code
   * leads}.
   */
  CommittedLayout(SystemTable table, List<Node> seeds, BooleanSupplier leads, Duration every) {
    this(table, seeds, leads, every, dev.dfs.util.NodeClock.system());
  }

  CommittedLayout(
      SystemTable table, List<Node> seeds, BooleanSupplier leads, Duration every, Clock clock) {
    this.table = table;
    this.seeds = List.copyOf(seeds);
    this.clock = clock;
    this.history = LayoutHistory.first(this.seeds);
    this.subscription =
        table.listen(
            new SystemTable.Listener() {
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
    this.bootstrap =
        Thread.ofVirtual().name("dfs-layout-bootstrap").start(() -> commitFirst(leads, every));
  }

  /** The layout as applied here (version 1 over the seeds before any). */
  LayoutHistory history() {
    return history;
  }

  /** The placement of the newest version applied here. */
  Placement placement() {
    return new Placement(nodes());
  }

  /** The nodes of the newest version applied here (the seeds before any). */
  List<Node> nodes() {
    return history.newest().nodes();
  }

  /** The newest version's node {@code id}, if it has one. */
  Optional<Node> node(String id) {
    return history.node(id);
  }

  private void reload() {
    try {
      read().ifPresent(h -> history = h);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read the committed layout (placing as before meanwhile): {}", e.toString());
    }
  }

  /** The committed layout, or empty while version 1 is not committed. */
  private Optional<LayoutHistory> read() throws IOException {
    if (table.get(V1).isEmpty()) return Optional.empty();
    long current = number(CURRENT, 1);
    long oldest = Math.min(current, number(OLDEST, current));
    List<LayoutHistory.Version> active = new ArrayList<>();
    for (long v = oldest; v <= current; v++) {
      byte[] record =
          table.get("v" + v).orElseThrow(() -> new IOException("layout version missing"));
      Instant at = Instant.ofEpochMilli(number("applied-" + v, 0));
      active.add(new LayoutHistory.Version(v, decode(record), at));
    }
    Optional<List<Node>> staged = table.get(STAGED).map(CommittedLayout::decode);
    LayoutHistory.Progress p =
        table
            .get(PROGRESS)
            .map(b -> LayoutHistory.Progress.decode(new String(b, StandardCharsets.UTF_8)))
            .orElse(LayoutHistory.Progress.NONE);
    Optional<LayoutHistory.Settled> settled =
        table
            .get(SETTLED)
            .map(b -> LayoutHistory.Settled.decode(new String(b, StandardCharsets.UTF_8)));
    return Optional.of(new LayoutHistory(active, staged, p, settled));
  }

  private long number(String key, long otherwise) throws IOException {
    Optional<byte[]> v = table.get(key);
    return v.isEmpty()
        ? otherwise
        : Long.parseLong(new String(v.get(), StandardCharsets.UTF_8).trim());
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
      table.write(
          changes -> {
            if (table.get(V1).isEmpty()) changes.put(V1, encode(seeds));
            return true; // SystemTable.write wants a value; nothing to answer
          });
      log.info("committed layout version 1: {} node(s)", seeds.size());
    } catch (IOException | RuntimeException e) {
      log.debug("layout version 1 not committed yet: {}", e.toString());
    }
  }

  /** The committed layout inside a write (the seeds' version 1 when none is committed yet). */
  private LayoutHistory committedNow() throws IOException {
    return read().orElse(LayoutHistory.first(seeds));
  }

  /**
   * Commits a new version in which node {@code id} has {@code state} (the staged list, if it has
   * the node, too), with the move {@code predicted}. Returns false when the newest version has no
   * such node.
   */
  boolean setState(String id, NodeState state, LayoutHistory.Progress predicted)
      throws IOException {
    return table.write(
        changes -> {
          LayoutHistory h = committedNow();
          if (h.node(id).isEmpty()) return false;
          List<Node> next = LayoutChanges.withState(h.newest().nodes(), id, state);
          h.staged()
              .ifPresent(s -> changes.put(STAGED, encode(LayoutChanges.withState(s, id, state))));
          putVersion(changes, h, h.newest().number() + 1, next, predicted);
          return true;
        });
  }

  /** Stages {@code nodes} as the next layout (replacing what was staged). */
  void stage(List<Node> nodes) throws IOException {
    table.write(
        changes -> {
          // read() sees nothing of a table without version 1, so a change staged before the
          // bootstrap thread committed it would stay invisible: commit version 1 with it
          if (table.get(V1).isEmpty()) changes.put(V1, encode(seeds));
          changes.put(STAGED, encode(nodes));
          return true; // SystemTable.write wants a value; nothing to answer
        });
  }

  /** Drops the staged layout. */
  void unstage() throws IOException {
    table.write(changes -> changes.delete(STAGED));
  }

  /**
   * Applies the staged list as version {@code version} with the move {@code predicted}.
   *
   * @throws IllegalStateException {@code version} is not the newest + 1, or nothing is staged
   */
  void apply(long version, LayoutHistory.Progress predicted) throws IOException {
    table.write(
        changes -> {
          LayoutHistory h = committedNow();
          long next = h.newest().number() + 1;
          if (version != next) {
            throw new IllegalStateException(
                "the layout is at version "
                    + h.newest().number()
                    + ": apply it as version "
                    + next
                    + " (someone else applied a change meanwhile? look at it again first)");
          }
          List<Node> staged =
              h.staged().orElseThrow(() -> new IllegalStateException("no layout change is staged"));
          changes.delete(STAGED);
          putVersion(changes, h, next, staged, predicted);
          return true; // SystemTable.write wants a value; nothing to answer
        });
  }

  private void putVersion(
      SystemTable.Changes changes,
      LayoutHistory h,
      long number,
      List<Node> nodes,
      LayoutHistory.Progress predicted) {
    if (h.newest().number() == 1 && number == 2)
      changes.put(V1, encode(h.newest().nodes())); // v1 committed now
    changes.put("v" + number, encode(nodes));
    changes.put(
        "applied-" + number, Long.toString(clock.millis()).getBytes(StandardCharsets.UTF_8));
    changes.put(CURRENT, Long.toString(number).getBytes(StandardCharsets.UTF_8));
    changes.put(OLDEST, Long.toString(h.oldest().number()).getBytes(StandardCharsets.UTF_8));
    LayoutHistory.Progress p =
        new LayoutHistory.Progress(
            number, predicted.predictedChunks(), predicted.predictedBytes(), 0, 0);
    changes.put(PROGRESS, p.encode().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Retires every version older than {@code version} (the newest: every owner of it confirmed its
   * copies). No-op when a newer version was applied meanwhile.
   */
  boolean retire(long version) throws IOException {
    return table.write(
        changes -> {
          LayoutHistory h = committedNow();
          if (h.newest().number() != version || !h.moving()) return false;
          changes.put(OLDEST, Long.toString(version).getBytes(StandardCharsets.UTF_8));
          changes.put(
              SETTLED,
              new LayoutHistory.Settled(version, clock.instant())
                  .encode()
                  .getBytes(StandardCharsets.UTF_8));
          log.info("layout version {} is the only active one: older versions retired", version);
          return true;
        });
  }

  /** Adds {@code chunks} chunks ({@code bytes}) to what the rebalance to {@code version} moved. */
  void recordMoved(long version, long chunks, long bytes) throws IOException {
    table.write(
        changes -> {
          LayoutHistory.Progress p = committedNow().progress();
          if (p.version() == version) {
            changes.put(
                PROGRESS,
                new LayoutHistory.Progress(
                        version,
                        p.predictedChunks(),
                        p.predictedBytes(),
                        p.movedChunks() + chunks,
                        p.movedBytes() + bytes)
                    .encode()
                    .getBytes(StandardCharsets.UTF_8));
          }
          return true; // SystemTable.write wants a value; nothing to answer
        });
  }

  /**
   * One line per node: {@code id address}, then the state unless ACTIVE, the zone and the capacity
   * unless 1.
   */
  static byte[] encode(List<Node> nodes) {
    StringBuilder b = new StringBuilder();
    for (Node n : nodes) {
      b.append(n.id()).append(' ').append(n.address().getAuthority());
      if (n.state() != NodeState.ACTIVE)
        b.append(' ').append(n.state().name().toLowerCase(Locale.ROOT));
      if (n.zone() != null) b.append(" zone=").append(n.zone());
      if (n.weight() != 1) b.append(" capacity=").append(n.weight());
      b.append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static List<Node> decode(byte[] record) {
    List<Node> out = new ArrayList<>();
    for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) continue;
      String[] f = line.split(" ");
      if (f.length < 2 || f[0].isEmpty())
        throw new IllegalArgumentException("bad layout line '" + line + "'");
      NodeState state = NodeState.ACTIVE;
      String zone = null;
      double weight = 1;
      for (int i = 2; i < f.length; i++) {
        if (f[i].startsWith("zone=")) zone = f[i].substring(5);
        else if (f[i].startsWith("capacity=")) weight = Double.parseDouble(f[i].substring(9));
        else if (i == 2) state = NodeState.valueOf(f[i].toUpperCase(Locale.ROOT));
        else throw new IllegalArgumentException("bad layout line '" + line + "'");
      }
      out.add(new Node(f[0], URI.create("http://" + f[1]), zone, weight, state));
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
