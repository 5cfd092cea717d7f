package dev.dfs.store.cluster.data;

import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Hands blocks from one writing thread to one reading thread through a queue of {@code depth}
 * blocks: the writer blocks while it is full (back-pressure), the reader while it is empty. Blocks
 * are passed by reference, never copied. {@link #abort} (any thread) makes both sides fail; {@link
 * #close} by the reader makes further writes fail, so neither side can wait forever for the other.
 */
final class BlockPipe extends InputStream {
  private record Block(byte[] data, int len) {}

  private static final Block END = new Block(new byte[0], 0);
  private static final long POLL_MILLIS = 50;
  private final ArrayBlockingQueue<Block> queue;
  private volatile boolean aborted;
  private volatile boolean readerClosed;

  /** The block being read; null before the first {@link #take}. */
  private @Nullable Block current;

  private int pos;

  BlockPipe(int depth) {
    this.queue = new ArrayBlockingQueue<>(depth);
  }

  /** Writer: queues a block (waits while the pipe is full). */
  void put(byte[] data, int len) throws IOException {
    offer(new Block(data, len));
  }

  /** Writer: no more blocks. */
  void end() throws IOException {
    offer(END);
  }

  /** Any thread: both sides fail from now on. */
  void abort() {
    aborted = true;
  }

  private void offer(Block b) throws IOException {
    try {
      while (!queue.offer(b, POLL_MILLIS, TimeUnit.MILLISECONDS)) checkOpen();
      checkOpen();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while queueing a block");
    }
  }

  private void checkOpen() throws IOException {
    if (aborted) throw new IOException("pipe aborted");
    if (readerClosed) throw new IOException("pipe reader gone");
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // END is a sentinel instance
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    Block block = current;
    while (block == null || (block != END && pos >= block.len())) {
      block = take();
      pos = 0;
    }
    current = block;
    if (block == END) return -1;
    int n = Math.min(len, block.len() - pos);
    System.arraycopy(block.data(), pos, b, off, n);
    pos += n;
    return n;
  }

  private Block take() throws IOException {
    try {
      while (true) {
        if (aborted) throw new IOException("pipe aborted");
        Block b = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (b != null) return b;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a block");
    }
  }

  @Override
  public void close() {
    readerClosed = true;
    queue.clear();
  }
}
