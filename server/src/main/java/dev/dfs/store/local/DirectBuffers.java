package dev.dfs.store.local;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A small pool of direct buffers for reads handed to the network: GET reads several blocks with one
 * positional read into one of these, verifies them in place and passes slices on, so a large read
 * is never copied through byte arrays and no request allocates a large buffer. At most {@link
 * #KEEP} idle buffers are kept (16 MiB); beyond that, buffers are allocated and dropped.
 * Thread-safe.
 */
final class DirectBuffers {
  /** 16 blocks of the default 64 KiB block size with their CRCs. */
  static final int SIZE = 16 * (64 * 1024 + ChunkFormat.CRC_SIZE);

  static final int KEEP = 16;
  private static final ArrayBlockingQueue<ByteBuffer> IDLE = new ArrayBlockingQueue<>(KEEP);

  private DirectBuffers() {}

  static ByteBuffer take() {
    ByteBuffer b = IDLE.poll();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(SIZE);
  }

  static void give(ByteBuffer b) {
    if (b != null) IDLE.offer(b);
  }
}
