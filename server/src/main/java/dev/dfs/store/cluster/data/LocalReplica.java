package dev.dfs.store.cluster.data;

import dev.dfs.store.ObjectRead;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * This node's own chunks, straight from its {@link ChunkVolume} (no HTTP). A write runs {@link
 * ChunkVolume#write} on a virtual thread fed through a {@link BlockPipe}. Thread-safe.
 */
final class LocalReplica implements ReplicaStore {
  private static final int PIPE_DEPTH = 2;
  private final ChunkVolume volume;

  LocalReplica(ChunkVolume volume) {
    this.volume = volume;
  }

  @Override
  public ReplicaUpload upload(ChunkId id, long size) {
    BlockPipe pipe = new BlockPipe(PIPE_DEPTH);
    CompletableFuture<Long> done = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("chunk-local-write")
        .start(
            () -> {
              try (pipe) {
                done.complete(volume.write(id, pipe, size));
              } catch (Throwable t) {
                done.completeExceptionally(t);
              }
            });
    return new ReplicaUpload() {
      @Override
      public void write(byte[] block, int len) throws IOException {
        try {
          pipe.put(block, len);
        } catch (IOException e) {
          throw failure(done, e);
        }
      }

      @Override
      public void complete() throws IOException {
        try {
          pipe.end();
        } catch (IOException readerDone) {
          // the volume stopped reading: at the body's known size (success) or on a failure;
          // its outcome, just below, says which
        }
        try {
          done.get();
        } catch (ExecutionException e) {
          throw new ReplicaException(
              ReplicaFault.WRITE_FAILED, "local write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          pipe.abort();
          throw new ReplicaException(ReplicaFault.WRITE_FAILED, "interrupted", e);
        }
      }

      @Override
      public void abort() {
        pipe.abort();
      }
    };
  }

  /** The volume's own failure when it stopped reading the pipe, else the pipe's. */
  private static ReplicaException failure(CompletableFuture<Long> done, IOException pipeFailure) {
    Throwable cause = pipeFailure;
    if (done.isCompletedExceptionally()) cause = done.exceptionNow();
    return new ReplicaException(ReplicaFault.WRITE_FAILED, "local write failed: " + cause, cause);
  }

  @Override
  public InputStream read(ChunkId id, long length, long offset, long count) throws IOException {
    InputStream in;
    try {
      in = volume.openRead(id, length, offset, count);
    } catch (ChunkVolume.MissingChunkException e) {
      throw new ReplicaException(ReplicaFault.MISSING, e.getMessage(), e);
    } catch (IOException e) {
      throw new ReplicaException(ReplicaFault.DAMAGED, e.getMessage(), e);
    }
    return new Damaged(in);
  }

  /**
   * A verified read of this node's copy whose failures say DAMAGED; hands its bytes out as buffers
   * when the volume's stream can (no copy through a byte array).
   */
  private static final class Damaged extends FilterInputStream implements ObjectRead.BufferSource {
    Damaged(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw new ReplicaException(ReplicaFault.DAMAGED, e.getMessage(), e);
      }
    }

    @Override
    public int read() throws IOException {
      return dev.dfs.util.SingleByteRead.of(this);
    }

    @Override
    public void transferTo(ObjectRead.BufferSink sink) throws IOException {
      if (!(in instanceof ObjectRead.BufferSource source)) {
        ObjectRead.BufferSource.copy(this, sink);
        return;
      }
      try {
        source.transferTo(sink);
      } catch (IOException e) {
        throw new ReplicaException(ReplicaFault.DAMAGED, e.getMessage(), e);
      }
    }
  }

  @Override
  public void delete(ChunkId id) {
    volume.delete(id);
  }
}
