package dev.dfs.store.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DirectoryTiers;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TierRegistry#forClass} answers from definitions decoded once, and sees every change of
 * them at once: made through the registry, or written to its table by someone else (as a replica
 * applies another node's write), with the change listeners told.
 */
class TierRegistryCacheTest {
  @TempDir Path dir;

  /** A table in memory that counts scans and tells its listeners of each write. */
  static final class CountingTable implements SystemTable {
    final Map<String, byte[]> rows = new ConcurrentSkipListMap<>();
    final List<Listener> listeners = new CopyOnWriteArrayList<>();
    final AtomicInteger scans = new AtomicInteger();

    @Override
    public Optional<byte[]> get(String key) {
      return Optional.ofNullable(rows.get(key));
    }

    @Override
    public List<Entry> scan(String prefix) {
      scans.incrementAndGet();
      List<Entry> out = new ArrayList<>();
      rows.forEach(
          (k, v) -> {
            if (k.startsWith(prefix)) out.add(new Entry(k, v));
          });
      return out;
    }

    @Override
    public synchronized <T> T write(Writer<T> work) throws IOException {
      Changes changes = new Changes();
      T result = work.write(changes);
      for (Entry e : changes.entries()) {
        if (e.deleted()) rows.remove(e.key());
        else rows.put(e.key(), e.value());
      }
      if (!changes.isEmpty()) for (Listener l : listeners) l.applied(changes.entries());
      return result;
    }

    @Override
    public Subscription listen(Listener listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }
  }

  TierDefinition directory(String name, String storageClass) {
    return DirectoryTiers.directory(dir, name, storageClass);
  }

  @Test
  void definitionsAreDecodedOnceAndEveryChangeIsSeen() throws IOException {
    CountingTable table = new CountingTable();
    AtomicInteger told = new AtomicInteger();
    try (TierRegistry tiers = new TierRegistry(table, null)) {
      tiers.onChange(told::incrementAndGet);
      assertThat(tiers.forClass("STANDARD_IA")).isEmpty();
      tiers.create(directory("warm", "STANDARD_IA"));
      assertThat(told.get()).isEqualTo(1);
      table.scans.set(0);
      for (int i = 0; i < 100; i++) {
        assertThat(tiers.forClass("STANDARD_IA")).map(TierDefinition::name).contains("warm");
        assertThat(tiers.forClass("GLACIER")).isEmpty();
      }
      assertThat(table.scans.get()).isEqualTo(1);

      // a definition another node wrote, applied to this table: seen at the next call
      byte[] cold = TierCodec.encode(directory("cold", "GLACIER"), null);
      table.write(c -> c.put(TierRegistry.DEFINITIONS + "cold", cold));
      assertThat(told.get()).isEqualTo(2);
      assertThat(tiers.forClass("GLACIER")).map(TierDefinition::name).contains("cold");

      tiers.remove("cold");
      assertThat(tiers.forClass("GLACIER")).isEmpty();
      assertThat(told.get()).isEqualTo(3);

      // other records of the table leave the decoded definitions alone
      table.scans.set(0);
      table.write(c -> c.put("other/x", new byte[] {1}));
      assertThat(tiers.forClass("STANDARD_IA")).isPresent();
      assertThat(table.scans.get()).isZero();
      assertThat(told.get()).isEqualTo(3);
    }
    assertThat(table.listeners).isEmpty();
  }
}
