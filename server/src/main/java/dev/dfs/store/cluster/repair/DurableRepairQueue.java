package dev.dfs.store.cluster.repair;

import dev.dfs.store.cluster.data.RepairQueue;
import dev.dfs.store.cluster.data.RepairRequest;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's {@link RepairQueue}, kept in memory and in a file of its own ({@code repair/queue}
 * under the data dir) so queued repairs survive a restart. Why a node-local file and not the
 * replicated metadata: reports come from readers and writers on every node, many per second when a
 * node is down, and most are about this node's own traffic; committing each through Raft would load
 * the leader with hints, and the hints lose nothing essential if a few are lost (the leader's full
 * pass compares every referenced chunk with every owner's holdings).
 *
 * <p>{@link #flush} writes the whole queue atomically when it changed (the repair worker calls it
 * after each batch, {@link #close} at the end); an entry polled but not yet flushed away is still
 * in the file, so a crash mid-repair repeats the repair (at least once, and copies are idempotent).
 * At most {@code capacity} entries (FIFO by first report); reports beyond it are dropped and
 * counted. Thread-safe (one monitor; the file is written outside it).
 */
public final class DurableRepairQueue implements RepairQueue, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DurableRepairQueue.class);
  private static final String HEADER = "dfs-repair-queue 1";

  private record Key(ChunkId chunk, String nodeId) {}

  /** A queued repair and its chunk's length (-1: not known yet). */
  public record Entry(RepairRequest request, long length) {}

  private final Path file;
  private final int capacity;
  private final Map<Key, Entry> entries = new LinkedHashMap<>();

  /**
   * Taken by {@link #pollEntries}, not yet {@link #done} or {@link #retry}: counted and kept in the
   * file.
   */
  private final Map<Key, Entry> inFlight = new LinkedHashMap<>();

  private final Object fileLock = new Object();
  private long dropped;
  private long version;
  private long flushedVersion;

  private DurableRepairQueue(Path file, int capacity) {
    this.file = file;
    this.capacity = capacity;
  }

  /** Opens the queue kept in {@code file} (created at the first flush). */
  public static DurableRepairQueue open(Path file, int capacity) throws IOException {
    if (capacity < 1) throw new IllegalArgumentException("capacity < 1");
    Files.createDirectories(file.getParent());
    DurableRepairQueue q = new DurableRepairQueue(file, capacity);
    q.load();
    return q;
  }

  private void load() throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return;
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      log.warn(
          "repair queue {} has an unknown format; starting empty (the full pass finds what it held)",
          file);
      return;
    }
    for (String line : lines.subList(1, lines.size())) {
      Entry e = parse(line);
      if (e != null) entries.putIfAbsent(key(e.request()), e);
    }
  }

  private static @Nullable Entry parse(String line) {
    String[] f = line.split(" ");
    if (f.length != 5) return null;
    ChunkId id = ChunkId.parseHex(f[0]);
    try {
      return id == null
          ? null
          : new Entry(
              new RepairRequest(
                  id, f[1], ReplicaFault.valueOf(f[2]), Instant.ofEpochMilli(Long.parseLong(f[3]))),
              Long.parseLong(f[4]));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Key key(RepairRequest r) {
    return new Key(r.chunk(), r.nodeId());
  }

  @Override
  public void report(RepairRequest request) {
    report(request, -1);
  }

  /** {@link #report} with the chunk's length when the reporter knows it (for progress). */
  public synchronized void report(RepairRequest request, long length) {
    Key k = key(request);
    if (entries.containsKey(k)) return;
    if (entries.size() >= capacity) {
      dropped++;
      return;
    }
    entries.put(k, new Entry(request, length));
    version++;
  }

  /** Removes and returns up to {@code max} entries, oldest first (done at once: not in flight). */
  @Override
  public synchronized List<RepairRequest> poll(int max) {
    List<RepairRequest> out = new ArrayList<>();
    for (Entry e : take(max)) out.add(e.request());
    if (!out.isEmpty()) version++;
    return out;
  }

  /**
   * Takes up to {@code max} entries, oldest first, for a repair: they stay counted and in the file
   * until {@link #done} or {@link #retry}, so a crash mid-repair repeats them.
   */
  public synchronized List<Entry> pollEntries(int max) {
    List<Entry> out = take(max);
    for (Entry e : out) inFlight.put(key(e.request()), e);
    return out;
  }

  private List<Entry> take(int max) {
    List<Entry> out = new ArrayList<>(Math.min(max, entries.size()));
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && out.size() < max; ) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  /** The repair of a taken entry is over (done, or moot). */
  public synchronized void done(Entry e) {
    if (inFlight.remove(key(e.request())) != null) version++;
  }

  /** The repair of a taken entry must be tried again later: back to the end of the queue. */
  public synchronized void retry(Entry e, long length) {
    inFlight.remove(key(e.request()));
    entries.putIfAbsent(key(e.request()), new Entry(e.request(), length));
    version++;
  }

  /** Entries queued or being repaired. */
  @Override
  public synchronized int size() {
    return entries.size() + inFlight.size();
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }

  /** Bytes of the queued entries whose length is known, and how many are not known. */
  public synchronized long[] knownBytesAndUnknownCount() {
    long bytes = 0;
    long unknown = 0;
    for (Map<Key, Entry> m : List.of(inFlight, entries)) {
      for (Entry e : m.values()) {
        if (e.length() >= 0) bytes += e.length();
        else unknown++;
      }
    }
    return new long[] {bytes, unknown};
  }

  /** Writes the queue to its file if it changed since the last flush. */
  public void flush() throws IOException {
    synchronized (fileLock) { // one writer at a time, each writing the newest snapshot
      byte[] content;
      long v;
      synchronized (this) {
        if (version == flushedVersion) return;
        v = version;
        content = snapshot();
      }
      AtomicFile.write(file, content);
      synchronized (this) {
        flushedVersion = v;
      }
    }
  }

  private byte[] snapshot() {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    List<Entry> all = new ArrayList<>(inFlight.values());
    all.addAll(entries.values());
    for (Entry e : all) {
      RepairRequest r = e.request();
      sb.append(r.chunk().hex())
          .append(' ')
          .append(r.nodeId())
          .append(' ')
          .append(r.fault().name())
          .append(' ')
          .append(r.detectedAt().toEpochMilli())
          .append(' ')
          .append(e.length())
          .append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
