package dev.dfs.store.cluster.repair;

import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where a pass over chunk ids stands, kept in a small file so a restarted node resumes the pass
 * where it was instead of starting over: whether a pass runs, the last chunk id it finished (null:
 * none yet), when it started, and when the previous pass ended. Written atomically at each {@link
 * #save}. Thread-safe (one monitor).
 */
final class PassCursor {
  private static final String HEADER = "dfs-pass-cursor 1";
  private final Path file;
  private boolean running;
  private @Nullable ChunkId after;
  private @Nullable Instant started;
  private @Nullable Instant lastEnded;
  private boolean dirty;

  private PassCursor(Path file) {
    this.file = file;
  }

  static PassCursor open(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    PassCursor c = new PassCursor(file);
    try {
      String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
      if (lines.length >= 2 && lines[0].equals(HEADER)) c.parse(lines[1].split(" "));
    } catch (NoSuchFileException e) {
      // first start: no pass yet
    }
    return c;
  }

  private void parse(String[] f) {
    if (f.length != 4) return;
    try {
      running = f[0].equals("running");
      after = f[1].equals("-") ? null : ChunkId.parseHex(f[1]);
      started = f[2].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(f[2]));
      lastEnded = f[3].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(f[3]));
    } catch (NumberFormatException e) {
      running = false;
    }
  }

  synchronized boolean running() {
    return running;
  }

  /** The last chunk id the running pass finished (null: from the first). */
  synchronized @Nullable ChunkId after() {
    return after;
  }

  /** When the previous pass ended (null: none yet). */
  synchronized @Nullable Instant lastEnded() {
    return lastEnded;
  }

  /** When the running or last pass started (null: none yet, or not in the cursor file). */
  synchronized @Nullable Instant started() {
    return started;
  }

  synchronized void start(Instant now) {
    running = true;
    after = null;
    started = now;
    dirty = true;
  }

  synchronized void advance(ChunkId done) {
    after = done;
    dirty = true;
  }

  synchronized void finish(Instant now) {
    running = false;
    after = null;
    lastEnded = now;
    dirty = true;
  }

  /** Writes the cursor if it changed. */
  void save() throws IOException {
    String line;
    synchronized (this) {
      if (!dirty) return;
      dirty = false;
      line =
          (running ? "running" : "idle")
              + " "
              + (after == null ? "-" : after.hex())
              + " "
              + (started == null ? "-" : started.toEpochMilli())
              + " "
              + (lastEnded == null ? "-" : lastEnded.toEpochMilli());
    }
    AtomicFile.write(file, (HEADER + "\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
