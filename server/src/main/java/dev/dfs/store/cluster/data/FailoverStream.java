package dev.dfs.store.cluster.data;

import dev.dfs.store.ObjectRead;
import dev.dfs.store.local.ChunkId;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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

  /** The replica serving now, with its stream; null before the first and after a failure. */
  private @Nullable Open current;

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
      Open open = current != null ? current : advance();
      try {
        int n = open.in().read(b, off, (int) Math.min(len, count - delivered));
        if (n < 0) throw new ReplicaException(ReplicaFault.UNREACHABLE, "replica ended early");
        delivered += n;
        return n;
      } catch (IOException e) {
        fail(open.node(), e);
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
      Open open = current != null ? current : advance();
      try {
        if (open.in() instanceof ObjectRead.BufferSource source) {
          source.transferTo(counted);
        } else {
          ObjectRead.BufferSource.copy(open.in(), counted);
        }
        if (delivered < count)
          throw new ReplicaException(ReplicaFault.UNREACHABLE, "replica ended early");
      } catch (IOException e) {
        fail(open.node(), e);
      }
    }
  }

  /** Opens the next replica that can serve the rest of the range, and makes it the current one. */
  Open advance() throws IOException {
    while (true) {
      if (next >= order.size()) throw new ChunkUnavailableException(id.hex(), tried);
      Node node = order.get(next++);
      try {
        InputStream in = reader.store(node).read(id, length, offset + delivered, count - delivered);
        Open open = new Open(node, in);
        current = open;
        return open;
      } catch (IOException e) {
        fail(node, e);
      }
    }
  }

  private void fail(Node node, IOException e) {
    ReplicaFault fault = e instanceof ReplicaException re ? re.fault() : ReplicaFault.UNREACHABLE;
    tried.put(node.id(), fault);
    reader.failed(id, node, fault);
    closeCurrent();
  }

  private void closeCurrent() {
    Open c = current;
    current = null;
    if (c == null) return;
    try {
      c.in().close();
    } catch (IOException ignored) {
      // that replica already failed or is done; nothing to tell anyone
    }
  }

  @Override
  public void close() {
    closed = true;
    closeCurrent();
  }

  /** A replica being read and its stream. */
  private record Open(Node node, InputStream in) {}
}
