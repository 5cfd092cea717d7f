package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The whole-object check of the cluster engine's reads ({@link ReplicatedRead}): intact bytes pass
 * with either algorithm, through {@code read} and {@code transferTo}; other bytes of the same
 * length are refused before the last ones go out, whether the check combines the blocks' CRC32C
 * (which the read computes for it) or runs its own CRC32 (when the read computes none).
 */
class ReplicatedReadCheckTest {
  private static final int SIZE = 300_000;

  @Test
  void intactObjectsPassTheirCheckWithEitherAlgorithm() throws IOException {
    for (ChecksumAlgorithm alg : List.of(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC32)) {
      byte[] data = bytes(7);
      assertThat(WholeObjectCheck.of(info(alg, data)).usesDataCrc())
          .isEqualTo(alg == ChecksumAlgorithm.CRC32C);
      assertThat(readAll(data, info(alg, data), false)).isEqualTo(data);
      assertThat(readAll(data, info(alg, data), true)).isEqualTo(data);
    }
  }

  @Test
  void otherBytesFailTheCheckBeforeTheirLastBytes() {
    for (ChecksumAlgorithm alg : List.of(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC32)) {
      byte[] written = bytes(8);
      byte[] stored = bytes(9); // what the chunks hold instead, block checks intact
      for (boolean transfer : new boolean[] {false, true}) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThatThrownBy(() -> read(stored, info(alg, written), transfer, got))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("whole object's " + alg);
        assertThat(got.size()).isLessThan(SIZE);
      }
    }
  }

  private static byte[] readAll(byte[] stored, ObjectInfo info, boolean transfer)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    read(stored, info, transfer, out);
    return out.toByteArray();
  }

  /** Reads all of {@code stored}, kept as two chunks, checked against {@code info}. */
  private static void read(
      byte[] stored, ObjectInfo info, boolean transfer, ByteArrayOutputStream out)
      throws IOException {
    ChunkId first = ChunkId.random();
    ChunkId second = ChunkId.random();
    int split = 100_000;
    Map<ChunkId, byte[]> chunks =
        Map.of(
            first,
            Arrays.copyOfRange(stored, 0, split),
            second,
            Arrays.copyOfRange(stored, split, stored.length));
    ChunkBackend backend =
        new ChunkBackend() {
          @Override
          public void write(ChunkId id, InputStream body, long size) {
            throw new UnsupportedOperationException();
          }

          @Override
          public InputStream read(ChunkId id, long length, long offset, long count) {
            return new ByteArrayInputStream(chunks.get(id), (int) offset, (int) count);
          }

          @Override
          public void delete(ChunkId id) {}
        };
    List<ChunkRef> refs =
        List.of(new ChunkRef(first, split), new ChunkRef(second, stored.length - split));
    try (ReplicatedRead r =
        new ReplicatedRead(backend, refs, 0, stored.length - 1, "b/k", WholeObjectCheck.of(info))) {
      if (transfer) {
        r.transferTo(b -> out.write(b.array(), b.arrayOffset() + b.position(), b.remaining()));
      } else {
        byte[] buf = new byte[8192];
        for (int n; (n = r.read(buf, 0, buf.length)) > 0; ) out.write(buf, 0, n);
      }
    }
  }

  private static ObjectInfo info(ChecksumAlgorithm alg, byte[] data) {
    ChecksumAlgorithm.RunningChecksum c = alg.newChecksum();
    c.update(data, 0, data.length);
    return new ObjectInfo(
        "b",
        "k",
        data.length,
        "etag",
        Instant.EPOCH,
        ObjectMetadata.empty(),
        new Checksum(alg, c.finishBase64(), Checksum.Type.FULL_OBJECT),
        null,
        null);
  }

  private static byte[] bytes(long seed) {
    byte[] b = new byte[SIZE];
    new Random(seed).nextBytes(b);
    return b;
  }
}
