package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Feeds one replica of a write on its own virtual thread from a queue of at most {@code depth}
 * blocks, so a slow replica holds back the writer only once its queue is full (bounded memory:
 * depth blocks per replica) and a failed one never does: after a failure {@link #send} returns
 * false at once. Reports exactly one {@link Outcome}. The writer thread calls {@link #send}/{@link
 * #finish}; {@link #abort} may come from any thread.
 */
final class ReplicaPump {
  /** How a replica ended: {@code fault} (and {@code error}) null means durable. */
  record Outcome(Node node, @Nullable ReplicaFault fault, @Nullable Throwable error) {}

  private record Block(byte[] data, int len) {}

  private static final Block END = new Block(new byte[0], 0);
  private static final long POLL_MILLIS = 50;

  private final Node node;
  private final ArrayBlockingQueue<Block> queue;
  private volatile boolean failed;
  private volatile boolean aborted;
  private volatile @Nullable ReplicaUpload upload;
  private final Thread thread;

  private ReplicaPump(
      Node node, ReplicaStore store, ChunkId id, long size, int depth, Consumer<Outcome> done) {
    this.node = node;
    this.queue = new ArrayBlockingQueue<>(depth);
    this.thread =
        Thread.ofVirtual()
            .name("chunk-replica-" + node.id())
            .unstarted(() -> done.accept(run(store, id, size)));
  }

  static ReplicaPump start(
      Node node, ReplicaStore store, ChunkId id, long size, int depth, Consumer<Outcome> done) {
    ReplicaPump p = new ReplicaPump(node, store, id, size, depth, done);
    p.thread.start();
    return p;
  }

  Node node() {
    return node;
  }

  boolean failed() {
    return failed;
  }

  @SuppressWarnings("ReferenceEquality") // END is a sentinel instance
  private Outcome run(ReplicaStore store, ChunkId id, long size) {
    try {
      ReplicaUpload up = store.upload(id, size);
      upload = up;
      if (aborted) throw new ReplicaException(ReplicaFault.WRITE_FAILED, "aborted");
      while (true) {
        Block b = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (aborted) throw new ReplicaException(ReplicaFault.WRITE_FAILED, "aborted");
        if (b == null) continue;
        if (b == END) {
          up.complete();
          return new Outcome(node, null, null);
        }
        up.write(b.data(), b.len());
      }
    } catch (Throwable t) {
      failed = true;
      queue.clear();
      ReplicaUpload u = upload;
      if (u != null) u.abort();
      ReplicaFault fault =
          t instanceof ReplicaException re ? re.fault() : ReplicaFault.WRITE_FAILED;
      return new Outcome(node, fault, t);
    }
  }

  /** Queues a block (waiting while the queue is full); false once this replica has failed. */
  boolean send(byte[] data, int len) throws InterruptedException {
    return offer(new Block(data, len));
  }

  /** Marks the end of the body; false once this replica has failed. */
  boolean finish() throws InterruptedException {
    return offer(END);
  }

  private boolean offer(Block b) throws InterruptedException {
    while (!failed) {
      if (queue.offer(b, POLL_MILLIS, TimeUnit.MILLISECONDS)) return true;
    }
    return false;
  }

  /** Stops the replica's write; it then reports a failure unless it had already completed. */
  void abort() {
    aborted = true;
    ReplicaUpload u = upload;
    if (u != null) u.abort();
    thread.interrupt();
  }
}
