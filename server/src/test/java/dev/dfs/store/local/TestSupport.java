package dev.dfs.store.local;

import dev.dfs.store.ByteRange;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Helpers shared by the local engine tests. */
final class TestSupport {
  private TestSupport() {}

  /** Small blocks and inline threshold so tests exercise chunk files cheaply. */
  static LocalStoreOptions smallOptions() {
    return LocalStoreOptions.defaults()
        .withBlockSize(1024)
        .withInlineThreshold(100)
        .withMinPartSize(2048)
        .withBackgroundSweep(false);
  }

  /** The current-format layout of the chunk file at {@code chunk} (named by its id). */
  static ChunkFormat.Layout layout(Path chunk, int blockSize) {
    return ChunkFormat.current(ChunkId.parseHex(chunk.getFileName().toString()), blockSize);
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static ObjectInfo put(ObjectStore s, String bucket, String key, byte[] data) throws IOException {
    return s.putObject(
        PutObjectRequest.simple(bucket, key, data.length), new java.io.ByteArrayInputStream(data));
  }

  static byte[] get(ObjectStore s, String bucket, String key) throws IOException {
    return get(s, bucket, key, null);
  }

  static byte[] get(ObjectStore s, String bucket, String key, ByteRange range) throws IOException {
    try (ObjectRead r = s.open(ReadRequest.of(bucket, key));
        InputStream in = r.stream(range)) {
      return in.readAllBytes();
    }
  }

  static String md5Hex(byte[] data) {
    return dev.dfs.testing.Digests.md5Hex(data);
  }

  static byte[] md5(byte[] data) {
    return dev.dfs.testing.Digests.md5(data);
  }

  /** All regular files under dir (recursively). */
  static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) return List.of();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  /** A body that yields {@code data} and then throws {@code failure} instead of ending. */
  static InputStream failingAfter(byte[] data, IOException failure) {
    return new InputStream() {
      int pos;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= data.length) throw failure;
        int n = Math.min(len, data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }
}
