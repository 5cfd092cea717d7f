package dev.dfs.kms;

import dev.dfs.util.SystemTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link SystemTable} in memory for unit tests (no listeners). */
final class MemoryTable implements SystemTable {
  private final Map<String, byte[]> rows = new ConcurrentSkipListMap<>();

  @Override
  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(rows.get(key));
  }

  @Override
  public List<Entry> scan(String prefix) {
    List<Entry> out = new ArrayList<>();
    rows.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) out.add(new Entry(k, v));
        });
    return out;
  }

  @Override
  public synchronized <T> T write(Writer<T> work) throws java.io.IOException {
    Changes changes = new Changes();
    T result = work.write(changes);
    for (Entry e : changes.entries()) {
      if (e.deleted()) rows.remove(e.key());
      else rows.put(e.key(), e.value());
    }
    return result;
  }

  @Override
  public Subscription listen(Listener listener) {
    return () -> {};
  }
}
