package dev.dfs.process;

import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the stopped cluster's disks hold, against its metadata: every chunk the metadata references
 * is on exactly replication-factor nodes with its length and every block CRC intact, no node holds
 * a damaged copy, and no node holds a chunk the metadata does not reference (an orphan). Reads the
 * data dirs of stopped nodes only; the metadata is read from one node's (they were checked equal
 * before). Also damages chunk files of a running node, for the nemesis.
 */
final class ReplicaAudit {
  private ReplicaAudit() {}

  /**
   * What the audit found wrong (empty lists when every replica is in place and nothing is left
   * over), and how many referenced chunks each data dir holds intact.
   */
  record Findings(
      int referenced,
      List<String> missingOrDamaged,
      List<String> orphans,
      Map<String, Integer> heldBy) {
    boolean clean() {
      return missingOrDamaged.isEmpty() && orphans.isEmpty();
    }
  }

  /**
   * Audits {@code dataDirs} against the metadata in {@code metadataOf}: each referenced chunk must
   * be intact on exactly {@code copies} of them (a settled layout's owners; extra copies of a
   * retired layout removed) and absent or intact everywhere else.
   */
  static Findings audit(Path metadataOf, List<Path> dataDirs, int copies) throws IOException {
    LocalStoreOptions options = LocalStoreOptions.defaults().withBackgroundSweep(false);
    Map<ChunkId, Long> referenced = new HashMap<>();
    try (LocalStore store = LocalStore.open(metadataOf, options)) {
      all(after -> store.referencedChunks(after, 1_000))
          .forEach(c -> referenced.put(c.id(), c.length()));
    }
    List<String> missing = new ArrayList<>();
    List<String> orphans = new ArrayList<>();
    Map<ChunkId, List<String>> intactOn = new HashMap<>();
    for (Path dir : dataDirs) {
      ChunkVolume volume = ChunkVolume.open(dir, options.blockSize(), options.maxObjectSize());
      for (StoredChunk held : all(after -> volume.list(after, 1_000))) {
        if (!referenced.containsKey(held.id()))
          orphans.add(dir.getFileName() + ": " + held.id().hex());
      }
      for (Map.Entry<ChunkId, Long> ref : referenced.entrySet()) {
        String problem = check(volume, ref.getKey(), ref.getValue());
        if (problem == null)
          intactOn
              .computeIfAbsent(ref.getKey(), k -> new ArrayList<>())
              .add(dir.getFileName().toString());
        else if (!problem.equals("missing"))
          missing.add(dir.getFileName() + ": " + ref.getKey().hex() + " " + problem);
      }
    }
    Map<String, Integer> heldBy = new java.util.TreeMap<>();
    for (Path dir : dataDirs) heldBy.put(dir.getFileName().toString(), 0);
    for (ChunkId id : referenced.keySet()) {
      List<String> on = intactOn.getOrDefault(id, List.of());
      for (String d : on) heldBy.merge(d, 1, Integer::sum);
      if (on.size() != copies)
        missing.add(id.hex() + " intact on " + on + ", not on exactly " + copies + " nodes");
    }
    return new Findings(referenced.size(), missing, orphans, heldBy);
  }

  /** Null when the replica is there with its length and every block reads back verified. */
  private static String check(ChunkVolume volume, ChunkId id, long length) {
    try {
      OptionalLong held = volume.length(id);
      if (held.isEmpty()) return "missing";
      if (held.getAsLong() != length) return "length " + held.getAsLong() + " instead of " + length;
      try (InputStream in = volume.openRead(id, length, 0, length)) {
        long read = in.transferTo(java.io.OutputStream.nullOutputStream());
        return read == length ? null : "reads " + read + " bytes instead of " + length;
      }
    } catch (IOException | RuntimeException e) {
      return "unreadable: " + e;
    }
  }

  private interface Page {
    List<StoredChunk> after(ChunkId after) throws IOException;
  }

  private static List<StoredChunk> all(Page page) throws IOException {
    List<StoredChunk> out = new ArrayList<>();
    ChunkId after = null;
    while (true) {
      List<StoredChunk> p = page.after(after);
      out.addAll(p);
      if (p.size() < 1_000) return out;
      after = p.get(p.size() - 1).id();
    }
  }

  /**
   * Damages up to {@code count} chunk files in {@code dataDir}: the first is deleted, the others
   * get 16 bytes inverted in their middle (past the header: a block's bytes, caught by its CRC).
   * Returns what was done, one line per file.
   */
  static List<String> damage(Path dataDir, int count, Random random) throws IOException {
    List<Path> files;
    Path chunks = dataDir.resolve("chunks");
    if (!Files.isDirectory(chunks)) return List.of();
    try (Stream<Path> s = Files.walk(chunks)) {
      files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
    }
    java.util.Collections.shuffle(files, random);
    List<String> done = new ArrayList<>();
    for (Path f : files.subList(0, Math.min(count, files.size()))) {
      try {
        if (done.isEmpty()) {
          Files.delete(f);
          done.add("deleted " + f.getFileName());
        } else {
          done.add(flip(f));
        }
      } catch (IOException gone) {
        done.add(
            f.getFileName()
                + " vanished first: "
                + gone.getMessage()); // a delete or the GC raced us
      }
    }
    return done;
  }

  private static String flip(Path f) throws IOException {
    try (var ch =
        java.nio.channels.FileChannel.open(
            f, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      long at = ch.size() / 2;
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
      ch.read(b, at);
      for (int i = 0; i < b.position(); i++) b.put(i, (byte) ~b.get(i));
      b.flip();
      ch.write(b, at);
      ch.force(true);
      return "inverted 16 bytes at " + at + " of " + f.getFileName();
    }
  }
}
