package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded {@link RepairQueue} in memory (lost at restart: the scrub that the next session adds
 * walks every chunk anyway). FIFO by first report. Thread-safe (one monitor).
 */
public final class InMemoryRepairQueue implements RepairQueue {
  private record Key(ChunkId chunk, String nodeId) {}

  private final int capacity;
  private final Map<Key, RepairRequest> entries = new LinkedHashMap<>();
  private long dropped;

  public InMemoryRepairQueue(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity < 1");
    this.capacity = capacity;
  }

  @Override
  public synchronized void report(RepairRequest request) {
    Key key = new Key(request.chunk(), request.nodeId());
    if (entries.containsKey(key)) return;
    if (entries.size() >= capacity) {
      dropped++;
      return;
    }
    entries.put(key, request);
  }

  @Override
  public synchronized List<RepairRequest> poll(int max) {
    List<RepairRequest> out = new ArrayList<>(Math.min(max, entries.size()));
    for (Iterator<RepairRequest> it = entries.values().iterator();
        it.hasNext() && out.size() < max; ) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  @Override
  public synchronized int size() {
    return entries.size();
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }
}
