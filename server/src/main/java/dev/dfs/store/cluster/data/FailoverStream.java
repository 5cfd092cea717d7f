package dev.dfs.store.cluster.data;

import dev.dfs.store.ObjectRead;
import dev.dfs.store.local.ChunkId;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream {@link ReplicatedReader#open} returns: serves the range from one replica at a time, in
 * the reader's order, and on any {@link IOException} from the current one (at open or mid-stream)
 * reports it and continues from the next replica at the first byte not yet handed out. Fails with
 * {@link ChunkUnavailableException} when no replica is left. Not thread-safe.
 */
final class FailoverStream extends InputStream implements ObjectRead.BufferSource {
  private final ReplicatedReader reader;
  private final ChunkId id;
  private final long length;
  private final long offset;
  private final long count;
  private final List<Node> order;
  private final Map<String, ReplicaFault> tried = new LinkedHashMap<>();
  private int next;
  private Node node;
  private InputStream current;
  private long delivered;
  private boolean closed;

  FailoverStream(
      ReplicatedReader reader, ChunkId id, long length, long offset, long count, List<Node> order) {
    this.reader = reader;
    this.id = id;
    this.length = length;
    this.offset = offset;
    this.count = count;
    this.order = order;
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) throw new IOException("stream closed");
    if (len == 0) return 0;
    while (true) {
      if (delivered >= count) return -1;
      if (current == null) advance();
      try {
        int n = current.read(b, off, (int) Math.min(len, count - delivered));
        if (n < 0) throw new ReplicaException(ReplicaFault.UNREACHABLE, "replica ended early");
        delivered += n;
        return n;
      } catch (IOException e) {
        fail(e);
      }
    }
  }

  /**
   * Sends the rest of the range to {@code sink} (a {@link ObjectRead.BufferSink#guarded guarded}
   * one: its failures pass up as {@link ObjectRead.SinkFailure}): a replica that can hand out
   * buffers (this node's own copy) does, any other is copied through a heap buffer. Failover as for
   * {@link #read}: at the first byte the sink has not taken.
   */
  @Override
  public void transferTo(ObjectRead.BufferSink sink) throws IOException {
    if (closed) throw new IOException("stream closed");
    ObjectRead.BufferSink counted =
        b -> {
          int n = b.remaining();
          if (n > count - delivered)
            throw new ReplicaException(ReplicaFault.UNREACHABLE, "replica sent too much");
          sink.write(b);
          delivered += n;
        };
    while (delivered < count) {
      if (current == null) advance();
      try {
        if (current instanceof ObjectRead.BufferSource source) {
          source.transferTo(counted);
        } else {
          ObjectRead.BufferSource.copy(current, counted);
        }
        if (delivered < count)
          throw new ReplicaException(ReplicaFault.UNREACHABLE, "replica ended early");
      } catch (IOException e) {
        fail(e);
      }
    }
  }

  /** Opens the next replica that can serve the rest of the range. */
  void advance() throws IOException {
    while (current == null) {
      if (next >= order.size()) throw new ChunkUnavailableException(id.hex(), tried);
      node = order.get(next++);
      try {
        current = reader.store(node).read(id, length, offset + delivered, count - delivered);
      } catch (IOException e) {
        fail(e);
      }
    }
  }

  private void fail(IOException e) {
    ReplicaFault fault = e instanceof ReplicaException re ? re.fault() : ReplicaFault.UNREACHABLE;
    tried.put(node.id(), fault);
    reader.failed(id, node, fault);
    closeCurrent();
  }

  private void closeCurrent() {
    InputStream c = current;
    current = null;
    if (c == null) return;
    try {
      c.close();
    } catch (IOException ignored) {
      // that replica already failed or is done; nothing to tell anyone
    }
  }

  @Override
  public void close() {
    closed = true;
    closeCurrent();
  }
}
