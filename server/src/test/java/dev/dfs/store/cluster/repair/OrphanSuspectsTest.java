package dev.dfs.store.cluster.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's wait-list on disk: what is saved is what a reopened list holds (first sighting and
 * pass kept, so the grace goes on where it was), writes are spaced by {@link
 * OrphanSuspects#SAVE_EVERY} unless forced, and damaged lines or files are dropped, never turned
 * into suspects.
 */
class OrphanSuspectsTest {
  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final Instant T0 = Instant.parse("2026-12-05T07:00:00Z");
  @TempDir Path dir;

  @Test
  void aReopenedListKeepsFirstSightingsAndPasses() throws IOException {
    Path file = dir.resolve("repair").resolve("gc-suspects");
    OrphanSuspects s = OrphanSuspects.open(file, 100);
    ChunkId a = ChunkId.random();
    ChunkId b = ChunkId.random();
    assertThat(s.sighted("n1", a, 1, T0, GRACE)).isFalse();
    assertThat(s.sighted("n2", b, 1, T0.plusSeconds(30), GRACE)).isFalse();
    s.save(T0.plusSeconds(30), true);

    OrphanSuspects reopened = OrphanSuspects.open(file, 100);
    assertThat(reopened.size()).isEqualTo(2);
    assertThat(reopened.sighted("n1", a, 1, T0.plusSeconds(59), GRACE)).isFalse();
    assertThat(reopened.sighted("n1", a, 1, T0.plusSeconds(60), GRACE)).isTrue();
    assertThat(reopened.sighted("n2", b, 1, T0.plusSeconds(60), GRACE))
        .isFalse(); // its own first sighting
    reopened.passEnded(2); // a pass that saw neither: both dropped
    assertThat(reopened.size()).isZero();
  }

  @Test
  void writesAreSpacedUnlessForcedAndOnlyWhenChanged() throws IOException {
    Path file = dir.resolve("gc-suspects");
    OrphanSuspects s = OrphanSuspects.open(file, 100);
    s.save(T0, true);
    assertThat(file).doesNotExist(); // nothing changed
    s.sighted("n1", ChunkId.random(), 1, T0, GRACE);
    s.save(T0, false);
    assertThat(OrphanSuspects.open(file, 100).size()).isEqualTo(1);
    s.sighted("n1", ChunkId.random(), 1, T0.plusSeconds(1), GRACE);
    s.save(T0.plusSeconds(1), false); // too soon after the last write
    assertThat(OrphanSuspects.open(file, 100).size()).isEqualTo(1);
    s.save(T0.plus(OrphanSuspects.SAVE_EVERY), false);
    assertThat(OrphanSuspects.open(file, 100).size()).isEqualTo(2);
  }

  @Test
  void damagedLinesAndFilesAreDropped() throws IOException {
    Path file = dir.resolve("gc-suspects");
    String good = "n1 " + ChunkId.random().hex() + " " + T0.toEpochMilli() + " 7";
    Files.writeString(
        file,
        "dfs-gc-suspects 1\n"
            + good
            + "\nn2 nothex 1 2\nn3 "
            + ChunkId.random().hex()
            + " soon 2\ntoo few\n");
    assertThat(OrphanSuspects.open(file, 100).size()).isEqualTo(1);
    Files.writeString(file, "dfs-gc-suspects 99\n" + good + "\n");
    assertThat(OrphanSuspects.open(file, 100).size()).isZero();
  }

  @Test
  void theCapacityBoundsWhatIsLoaded() throws IOException {
    Path file = dir.resolve("gc-suspects");
    OrphanSuspects s = OrphanSuspects.open(file, 100);
    for (int i = 0; i < 10; i++) s.sighted("n1", ChunkId.random(), 1, T0, GRACE);
    s.save(T0, true);
    assertThat(OrphanSuspects.open(file, 4).size()).isEqualTo(4);
  }
}
