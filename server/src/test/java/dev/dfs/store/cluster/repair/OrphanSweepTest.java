package dev.dfs.store.cluster.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orphan sweep's rule with a clock under the test's control (grace 60 s, a pass every 15 s): a
 * replica is removed only once passes found it unreferenced, unpinned and with no commit in doubt
 * for the whole grace; a pinned chunk (a write in progress) or a referenced one is never removed,
 * however old; a commit in doubt and a lost lead stop removals; a pass resumes from its cursor, and
 * the grace where it was, across a restart.
 */
class OrphanSweepTest {
  private static final Duration GRACE = Duration.ofSeconds(60);
  private final Node n1 =
      new Node("n1", URI.create("http://127.0.0.1:1"), null, 1, NodeState.ACTIVE);
  private final Node n2 =
      new Node("n2", URI.create("http://127.0.0.1:2"), null, 1, NodeState.ACTIVE);
  private final ConcurrentHashMap<String, List<ChunkId>> held = new ConcurrentHashMap<>();
  private final Set<ChunkId> referenced = ConcurrentHashMap.newKeySet();
  private final Set<ChunkId> pinned = ConcurrentHashMap.newKeySet();
  private final List<String> removed = new ArrayList<>();
  private final AtomicBoolean doubt = new AtomicBoolean();
  private final AtomicBoolean leads = new AtomicBoolean(true);
  private Instant now = Instant.parse("2026-12-04T12:00:00Z");
  @TempDir Path dir;

  private OrphanSweep sweep() throws IOException {
    ChunkCatalog catalog =
        new ChunkCatalog() {
          @Override
          public List<StoredChunk> referenced(ChunkId after, int limit) {
            throw new UnsupportedOperationException();
          }

          @Override
          public OptionalLong length(ChunkId id) {
            return referenced.contains(id) ? OptionalLong.of(10) : OptionalLong.empty();
          }

          @Override
          public void readBarrier() {}
        };
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    NodeListing listing =
        (n, after, limit) ->
            held.getOrDefault(n.id(), List.of()).stream()
                .filter(id -> after == null || FullPass.compare(id, after) > 0)
                .sorted(FullPass::compare)
                .limit(limit)
                .map(id -> new StoredChunk(id, 10))
                .toList();
    OrphanCheck check = new OrphanCheck(catalog, doubt::get, pinned::contains);
    return OrphanSweep.open(
        new OrphanSweep.Wiring(
            listing,
            () -> List.of(n1, n2),
            Set::of,
            leads::get,
            catalog,
            check,
            (n, id) -> {
              removed.add(n.id() + "/" + id.hex());
              held.get(n.id()).remove(id);
            },
            clock),
        GRACE,
        dir.resolve("gc-cursor"));
  }

  /** Runs passes every 15 s of the test's clock for {@code seconds}. */
  private void passes(OrphanSweep sweep, int seconds) throws IOException {
    for (int t = 0; t < seconds; t += 15) {
      while (sweep.step()) {
        // batches of this pass
      }
      now = now.plusSeconds(15);
    }
  }

  private ChunkId on(Node... nodes) {
    ChunkId id = ChunkId.random();
    for (Node n : nodes)
      held.computeIfAbsent(n.id(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(id);
    return id;
  }

  @Test
  void aCursorFileRunningWithoutStartTimeStartsANewPass() throws IOException {
    // a cursor file that says a pass runs but lost its start time (written by hand, or damaged)
    java.nio.file.Files.writeString(dir.resolve("gc-cursor"), "dfs-pass-cursor 1\nrunning - - -\n");
    OrphanSweep sweep = sweep();
    ChunkId orphan = on(n1);
    passes(sweep, 75); // was a NullPointerException on every step: nothing was ever swept
    assertThat(removed).containsExactly("n1/" + orphan.hex());
  }

  @Test
  void anOrphanGoesFromEveryNodeOnlyAfterTheGrace() throws IOException {
    OrphanSweep sweep = sweep();
    ChunkId orphan = on(n1, n2);
    ChunkId live = on(n1, n2);
    referenced.add(live);
    passes(sweep, 45); // first sighting at 0 s; 45 s later still within the grace
    assertThat(removed).isEmpty();
    passes(sweep, 30);
    assertThat(removed).containsExactlyInAnyOrder("n1/" + orphan.hex(), "n2/" + orphan.hex());
    passes(sweep, 600);
    assertThat(removed).hasSize(2); // the referenced chunk stays, however old
    assertThat(sweep.status().orphansRemoved()).isEqualTo(2);
    assertThat(sweep.status().bytesRemoved()).isEqualTo(20);
  }

  @Test
  void aPinnedChunkIsNeverRemovedAndItsGraceStartsWhenItIsUnpinned() throws IOException {
    OrphanSweep sweep = sweep();
    ChunkId writing = on(n1, n2);
    pinned.add(
        writing); // a write in progress: listed (published) but its metadata not committed yet
    passes(sweep, 600);
    assertThat(removed).isEmpty();
    pinned.remove(writing); // its write failed: now an orphan
    passes(sweep, 45);
    assertThat(removed).isEmpty();
    passes(sweep, 30);
    assertThat(removed).hasSize(2);
  }

  @Test
  void aChunkReferencedBetweenSightingsStartsItsGraceOver() throws IOException {
    OrphanSweep sweep = sweep();
    ChunkId c = on(n1);
    passes(sweep, 45);
    referenced.add(c); // its commit applied after all
    passes(sweep, 15);
    referenced.remove(c); // and the object was deleted
    passes(sweep, 45);
    assertThat(removed).isEmpty();
    passes(sweep, 30);
    assertThat(removed).containsExactly("n1/" + c.hex());
  }

  @Test
  void aCommitInDoubtOrALostLeadStopsRemovals() throws IOException {
    OrphanSweep sweep = sweep();
    ChunkId c = on(n1);
    passes(sweep, 45);
    doubt.set(true); // a commit in doubt: no chunk is judged an orphan, suspicions start over
    passes(sweep, 300);
    assertThat(removed).isEmpty();
    doubt.set(false);
    passes(sweep, 15); // a first sighting again (the one at 0 s would be past the grace)
    assertThat(removed).isEmpty();
    leads.set(false);
    passes(sweep, 300);
    assertThat(removed).isEmpty();
    leads.set(true); // the suspicion outlived the lost lead: its grace ended meanwhile
    passes(sweep, 15);
    assertThat(removed).containsExactly("n1/" + c.hex());
  }

  @Test
  void aRestartedSweepGoesOnWaitingOutTheGraceWhereItWas() throws IOException {
    OrphanSweep first = sweep();
    ChunkId c = on(n1, n2);
    passes(first, 45); // sightings at 0, 15, 30 s
    first.close();
    OrphanSweep second = sweep();
    assertThat(second.status().suspects()).isEqualTo(2);
    passes(second, 15); // 45 s since the first sighting
    assertThat(removed).isEmpty();
    passes(second, 15); // 60 s: the grace is over, not started over
    assertThat(removed).containsExactlyInAnyOrder("n1/" + c.hex(), "n2/" + c.hex());
  }

  @Test
  void aDamagedSuspectsFileStartsTheGraceOver() throws IOException {
    OrphanSweep first = sweep();
    ChunkId c = on(n1);
    passes(first, 45);
    first.close();
    java.nio.file.Files.writeString(
        dir.resolve(OrphanSweep.SUSPECTS_FILE), "not a suspects file\n");
    OrphanSweep second = sweep();
    assertThat(second.status().suspects()).isZero();
    passes(second, 45);
    assertThat(removed).isEmpty();
    passes(second, 30);
    assertThat(removed).containsExactly("n1/" + c.hex());
  }

  @Test
  void aPassResumesFromItsCursorAfterARestart() throws IOException {
    OrphanSweep first = sweep();
    for (int i = 0; i < OrphanSweep.PAGE + 10; i++) on(n1);
    assertThat(first.step()).isTrue(); // one full page: the pass goes on
    first.close();
    OrphanSweep second = sweep();
    assertThat(second.status().passRunning()).isTrue();
    assertThat(second.step()).isFalse(); // the rest, then the pass ends
    assertThat(second.status().passRunning()).isFalse();
    assertThat(second.status().suspects())
        .isEqualTo(OrphanSweep.PAGE + 10); // the first page's sightings were kept
  }
}
