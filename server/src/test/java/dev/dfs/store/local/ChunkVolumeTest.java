package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkVolumeTest {
  @TempDir Path dir;

  @Test
  void writesUnderTheGivenIdAndReadsVerifiedRanges() throws Exception {
    ChunkVolume v = ChunkVolume.open(dir, 1024, Long.MAX_VALUE);
    byte[] body = new byte[10_000];
    new Random(1).nextBytes(body);
    ChunkId id = ChunkId.random();
    assertThat(v.write(id, new ByteArrayInputStream(body), -1)).isEqualTo(body.length);
    assertThat(v.length(id)).hasValue(body.length);
    try (InputStream in = v.openRead(id, body.length, 2500, 5000)) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(body, 2500, 7500));
    }
    assertThat(v.list(null, 10)).containsExactly(new ChunkVolume.StoredChunk(id, body.length));
    v.delete(id);
    assertThat(v.length(id)).isEmpty();
    assertThatThrownBy(() -> v.openRead(id, body.length, 0, 1))
        .isInstanceOf(ChunkVolume.MissingChunkException.class);
  }

  @Test
  void aReadOfTheWrongLengthIsRefusedAndAFailedWriteLeavesNothing() throws Exception {
    ChunkVolume v = ChunkVolume.open(dir, 1024, Long.MAX_VALUE);
    ChunkId id = ChunkId.random();
    v.write(id, new ByteArrayInputStream(new byte[3000]), 3000);
    assertThatThrownBy(() -> v.openRead(id, 2999, 0, 10)).hasMessageContaining("expected");
    ChunkId partial = ChunkId.random();
    assertThatThrownBy(() -> v.write(partial, new ByteArrayInputStream(new byte[10]), 20))
        .isInstanceOf(dev.dfs.util.BodyException.class);
    assertThat(v.length(partial)).isEmpty();
    try (var tmp = Files.list(dir.resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }

  @Test
  void listingIsInIdOrderAndResumable() throws Exception {
    ChunkVolume v = ChunkVolume.open(dir, 64, Long.MAX_VALUE);
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    for (int i = 0; i < 40; i++) {
      ChunkId id = ChunkId.random();
      v.write(id, new ByteArrayInputStream(new byte[i]), i);
      ids.add(id.hex());
    }
    java.util.List<String> seen = new java.util.ArrayList<>();
    ChunkId after = null;
    while (true) {
      var page = v.list(after, 7);
      if (page.isEmpty()) break;
      page.forEach(c -> seen.add(c.id().hex()));
      after = page.get(page.size() - 1).id();
    }
    assertThat(seen).containsExactlyElementsOf(ids);
  }

  @Test
  void dataLengthInvertsTheFileLength() {
    for (int bs : new int[] {16, 1000, 65536}) {
      for (long len : new long[] {0, 1, bs - 1, bs, bs + 1, 5L * bs, 5L * bs + 7}) {
        for (ChunkFormat.Layout layout :
            new ChunkFormat.Layout[] {
              ChunkFormat.current(ChunkId.random(), bs), new ChunkFormat.Layout(1, bs, null)
            }) {
          assertThat(ChunkVolume.dataLength(layout.fileLength(len), layout)).isEqualTo(len);
        }
      }
    }
    ChunkFormat.Layout v2 = ChunkFormat.current(ChunkId.random(), 1000);
    assertThat(ChunkVolume.dataLength(v2.headerSize() + 3, v2)).isEqualTo(-1);
  }
}
