package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Copies one chunk from a node that holds it to a node that lacks it (repair, rebalance): a
 * verified read of the whole chunk from the source ({@link ReplicaStore#read}: block CRCs on the
 * source, frame CRCs on the wire) streamed into an upload to the target, which publishes it only
 * when complete and fsynced. So a copy never spreads damage: a bad source block fails the copy and
 * leaves the target without the chunk. Thread-safe (no state but the replicas).
 */
public final class ReplicaCopier {
  /** Bytes per block handed to the upload (the wire's frame size). */
  static final int BLOCK = FrameOutput.MAX_FRAME;

  private final Replicas replicas;

  public ReplicaCopier(Replicas replicas) {
    this.replicas = replicas;
  }

  /**
   * Copies chunk {@code id} of {@code length} bytes from {@code source} to {@code target}, calling
   * {@code beforeBlock} with each block's size before it is read (a throttle may sleep there).
   * Returns when the target's copy is durable.
   *
   * @throws ReplicaException naming the fault: the source's (MISSING, DAMAGED, UNREACHABLE) or the
   *     target's (WRITE_FAILED); the target then has no chunk under the name
   */
  public void copy(ChunkId id, long length, Node source, Node target, LongConsumer beforeBlock)
      throws IOException {
    ReplicaUpload upload = null;
    try (InputStream in = replicas.of(source).read(id, length, 0, length)) {
      upload = replicas.of(target).upload(id, length);
      long left = length;
      while (left > 0) {
        int want = (int) Math.min(BLOCK, left);
        beforeBlock.accept(want);
        byte[] block = in.readNBytes(want); // a new array per block: the upload keeps it
        if (block.length < want)
          throw new ReplicaException(ReplicaFault.UNREACHABLE, source.id() + " ended early");
        upload.write(block, block.length);
        left -= want;
      }
      upload.complete();
      upload = null;
    } finally {
      if (upload != null) upload.abort();
    }
  }

  /** See {@link Replicas#length}. */
  public java.util.OptionalLong length(Node node, ChunkId id) throws IOException {
    return replicas.length(node, id);
  }
}
