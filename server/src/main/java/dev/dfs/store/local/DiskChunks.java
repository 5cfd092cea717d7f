package dev.dfs.store.local;

import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The local engine's {@link ChunkStorage}: chunk files in this node's data directory, written by
 * {@link ChunkWriter} and read by {@link VerifiedStream}, exactly as before the seam existed (one
 * indirection, no copy). Thread-safe.
 */
final class DiskChunks implements ChunkStorage {
  private final ChunkFiles files;
  private final ChunkWriter writer;

  DiskChunks(ChunkFiles files, ChunkWriter writer) {
    this.files = files;
    this.writer = writer;
  }

  @Override
  public StagedData write(
      InputStream body, long size, @Nullable ChecksumAlgorithm alg, int inlineLimit, boolean digest)
      throws IOException {
    return writer.write(body, size, alg, inlineLimit, digest);
  }

  @Override
  public InputStream read(
      List<ChunkRef> chunks,
      long first,
      long last,
      String object,
      @Nullable WholeObjectCheck check,
      boolean prime)
      throws IOException {
    VerifiedStream s = new VerifiedStream(files, chunks, first, last, object, check);
    if (prime) {
      try {
        s.prime();
      } catch (IOException | RuntimeException e) {
        s.close();
        throw e;
      }
    }
    return s;
  }

  @Override
  public void publish(ChunkId id) throws IOException {
    files.publish(id);
  }

  @Override
  public void delete(ChunkId id) throws IOException {
    files.delete(id);
  }

  @Override
  public ChunkFiles files() {
    return files;
  }
}
