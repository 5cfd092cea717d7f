package dev.dfs.store.cluster.repair;

import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The orphan sweep's memory: replicas (node and chunk) seen unreferenced, with when they were first
 * seen so and the pass that last saw them so. A replica is removable once it has been seen
 * unreferenced for the grace period without a sighting in between that found it referenced or in
 * use ({@link #forget}), and only while the pass still finds it so. At most {@code capacity}
 * suspects are kept (more wait for a later pass).
 *
 * <p>Kept in a file ({@link #save}, atomically) so a restarted node, or a node that lost and
 * regained the lead, goes on waiting out the grace where it was instead of starting it over.
 * Keeping a sighting across a time this node did not look is safe because a chunk seen unreferenced
 * (after a read barrier, not pinned, no commit in doubt) never becomes referenced later: only a
 * write that wrote it could reference it, and such a write pins it on the leader until its metadata
 * applied, or, begun under a former leader, committed before the new leader's first entry or never
 * will. A file that is unreadable or of another format counts as empty (suspicion starts over,
 * which only delays removals). Not thread-safe (the sweep's thread); {@link #size} may be read from
 * any thread.
 */
final class OrphanSuspects {
  private static final String HEADER = "dfs-gc-suspects 1";

  /** How often at most a changed set is written (each write rewrites it whole). */
  static final Duration SAVE_EVERY = Duration.ofSeconds(5);

  private record Key(String nodeId, ChunkId chunk) {}

  private record Seen(Instant first, long pass) {}

  private final int capacity;
  private final Path file;
  private final Map<Key, Seen> seen = new HashMap<>();
  private volatile int size;
  private boolean dirty;
  private @Nullable Instant savedAt;

  private OrphanSuspects(int capacity, Path file) {
    this.capacity = capacity;
    this.file = file;
  }

  /** The suspects {@code file} holds (none when it does not exist), saved back to it. */
  static OrphanSuspects open(Path file, int capacity) throws IOException {
    Files.createDirectories(file.getParent());
    OrphanSuspects s = new OrphanSuspects(capacity, file);
    try {
      String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
      if (lines.length >= 1 && lines[0].equals(HEADER)) {
        for (int i = 1; i < lines.length && s.seen.size() < capacity; i++) s.parse(lines[i]);
      }
    } catch (NoSuchFileException e) {
      // first start: no suspects yet
    }
    s.size = s.seen.size();
    return s;
  }

  private void parse(String line) {
    String[] f = line.split(" ");
    if (f.length != 4) return;
    ChunkId chunk = ChunkId.parseHex(f[1]);
    if (chunk == null) return; // a damaged line: that replica's suspicion starts over
    try {
      seen.put(
          new Key(f[0], chunk),
          new Seen(Instant.ofEpochMilli(Long.parseLong(f[2])), Long.parseLong(f[3])));
    } catch (NumberFormatException e) {
      // as above
    }
  }

  /**
   * Records that pass {@code pass} found the replica unreferenced at {@code now}; returns whether
   * it has been so for at least {@code grace} (a first sighting never is).
   */
  boolean sighted(String nodeId, ChunkId chunk, long pass, Instant now, Duration grace) {
    Key k = new Key(nodeId, chunk);
    Seen s = seen.get(k);
    if (s == null) {
      if (seen.size() < capacity) {
        seen.put(k, new Seen(now, pass));
        dirty = true;
      }
      size = seen.size();
      return false;
    }
    if (s.pass() != pass) {
      seen.put(k, new Seen(s.first(), pass));
      dirty = true;
    }
    return Duration.between(s.first(), now).compareTo(grace) >= 0;
  }

  /** The replica is referenced, in use, or gone: its suspicion starts over. */
  void forget(String nodeId, ChunkId chunk) {
    if (seen.remove(new Key(nodeId, chunk)) != null) dirty = true;
    size = seen.size();
  }

  /** Pass {@code pass} ended: replicas it did not find unreferenced are no longer suspects. */
  void passEnded(long pass) {
    if (seen.values().removeIf(s -> s.pass() != pass)) dirty = true;
    size = seen.size();
  }

  int size() {
    return size;
  }

  /**
   * Writes the suspects to the file if they changed and the last write is at least {@link
   * #SAVE_EVERY} before {@code now} (or {@code force}). A sighting lost with an unsaved change only
   * delays a removal: it is dropped at its pass's end, and its grace starts over.
   */
  void save(Instant now, boolean force) throws IOException {
    if (!dirty) return;
    if (!force && savedAt != null && Duration.between(savedAt, now).compareTo(SAVE_EVERY) < 0)
      return;
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (Map.Entry<Key, Seen> e : seen.entrySet()) {
      b.append(e.getKey().nodeId())
          .append(' ')
          .append(e.getKey().chunk().hex())
          .append(' ')
          .append(e.getValue().first().toEpochMilli())
          .append(' ')
          .append(e.getValue().pass())
          .append('\n');
    }
    AtomicFile.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    dirty = false;
    savedAt = now;
  }
}
