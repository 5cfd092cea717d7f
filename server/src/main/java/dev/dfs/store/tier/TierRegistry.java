package dev.dfs.store.tier;

import dev.dfs.crypto.MasterKey;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The tiers an operator defined, kept in a {@link SystemTable} of the metadata (records {@value
 * #DEFINITIONS}{@code <name>}, secrets sealed by the master key), and the open {@link Tier} of
 * each. Each storage class is served by at most one tier. Creating a tier verifies it first (a tier
 * that cannot store and return a probe is refused); removing one that still holds objects is
 * refused. The definitions are decoded (secrets unsealed) once and kept until the table reports a
 * change of them, from this process or replicated from another node ({@link SystemTable#listen}),
 * so {@link #forClass} costs no unsealing on the request path. On a cluster the table is
 * replicated: every node reads the same definitions (the master key is the cluster's), only the
 * leader writes them, and a node closes its open tier when it hears that the definition was
 * removed. Thread-safe.
 */
public final class TierRegistry implements AutoCloseable {
  /** The key prefix of definitions in the table. */
  public static final String DEFINITIONS = "def/";

  private final SystemTable table;
  private final @Nullable MasterKey key;
  private final Map<String, Tier> open = new ConcurrentHashMap<>();
  private final boolean directories;
  private final SystemTable.Subscription heard;

  /** A registry that accepts every kind of tier: {@code TierRegistry(table, key, true)}. */
  public TierRegistry(SystemTable table, @Nullable MasterKey key) {
    this(table, key, true);
  }

  /** Bumped by every change of a definition; a {@link Snapshot} of an older one is stale. */
  private final AtomicLong generation = new AtomicLong();

  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final SystemTable.Subscription subscription;
  private volatile @Nullable Snapshot cached;

  /** The decoded definitions as of {@code generation}. */
  private record Snapshot(long generation, List<TierDefinition> definitions) {}

  /**
   * @param table where definitions are kept
   * @param key seals remote secrets; null when the server has no master key (then tiers with a
   *     secret are refused)
   * @param directories whether directory tiers may be created: not on a cluster, whose every node
   *     must reach every tier
   */
  public TierRegistry(SystemTable table, @Nullable MasterKey key, boolean directories) {
    this.table = table;
    this.key = key;
    this.directories = directories;
    this.heard =
        table.listen(
            new SystemTable.Listener() {
              @Override
              public void applied(List<SystemTable.Entry> changes) {
                for (SystemTable.Entry e : changes) {
                  if (e.deleted() && e.key().startsWith(DEFINITIONS)) {
                    closeOpen(e.key().substring(DEFINITIONS.length()));
                  }
                }
              }

              @Override
              public void replaced() {
                for (String name : List.copyOf(open.keySet())) {
                  try {
                    if (get(name).isEmpty()) closeOpen(name);
                  } catch (IOException | RuntimeException e) {
                    closeOpen(name);
                  }
                }
              }
            });
    this.subscription = table.listen(new DefinitionWatch());
  }

  /**
   * Runs {@code listener} after every change of the tier definitions (a tier added, removed or its
   * secret sealed again), on the thread that applied the change: it must be quick and must not
   * write the table.
   */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  /** Drops the decoded definitions when the table changes them, and tells the listeners. */
  private final class DefinitionWatch implements SystemTable.Listener {
    @Override
    public void applied(List<SystemTable.Entry> changes) {
      for (SystemTable.Entry e : changes) {
        if (e.key().startsWith(DEFINITIONS)) {
          changed();
          return;
        }
      }
    }

    @Override
    public void replaced() {
      changed();
    }

    private void changed() {
      generation.incrementAndGet();
      for (Runnable r : changeListeners) r.run();
    }
  }

  /** The decoded definitions, from the snapshot while no change was heard since it was taken. */
  private List<TierDefinition> definitions() throws IOException {
    long g = generation.get();
    Snapshot s = cached;
    if (s != null && s.generation() == g) return s.definitions();
    // taken at g: a change heard while decoding bumps the generation, so it is never reused
    List<TierDefinition> fresh = List.copyOf(list());
    cached = new Snapshot(g, fresh);
    return fresh;
  }

  /** Forgets and closes the open tier {@code name}, if any: its definition is gone. */
  private void closeOpen(String name) {
    Tier t = open.remove(name);
    if (t == null) return;
    try {
      t.close();
    } catch (IOException | RuntimeException e) {
      // its definition is gone; nothing else uses it
    }
  }

  /** Every tier, by name. */
  public List<TierDefinition> list() throws IOException {
    List<TierDefinition> out = new ArrayList<>();
    for (SystemTable.Entry e : table.scan(DEFINITIONS)) {
      out.add(TierCodec.decode(e.requireValue(), key));
    }
    return out;
  }

  /** The tier {@code name}, if defined. */
  public Optional<TierDefinition> get(String name) throws IOException {
    Optional<byte[]> v = table.get(DEFINITIONS + name);
    return v.isEmpty() ? Optional.empty() : Optional.of(TierCodec.decode(v.get(), key));
  }

  /** The definition of {@code name}; NO_SUCH_KEY naming the tier when there is none. */
  public TierDefinition require(String name) throws IOException {
    return get(name)
        .orElseThrow(
            () -> new StoreException(StoreError.NO_SUCH_KEY, "No tier named '" + name + "'."));
  }

  /**
   * The tier serving {@code storageClass}, if any (null: none). From the decoded definitions kept
   * in memory: no read or unsealing unless a definition changed since the last call.
   */
  public Optional<TierDefinition> forClass(@Nullable String storageClass) throws IOException {
    if (storageClass == null || !TierDefinition.CLASSES.contains(storageClass)) {
      return Optional.empty();
    }
    for (TierDefinition d : definitions()) {
      if (d.storageClasses().contains(storageClass)) return Optional.of(d);
    }
    return Optional.empty();
  }

  /**
   * Defines a tier after verifying it. INVALID_REQUEST when the name is taken or one of its classes
   * is served by another tier; IOException (the verification's) when it does not work.
   */
  public TierDefinition create(TierDefinition d) throws IOException {
    if (d.kind() == TierDefinition.Kind.DIRECTORY && !directories) {
      throw new IllegalArgumentException(
          "A directory tier must be reachable by every node of the cluster; use an S3 tier.");
    }
    if (d.secretKey() != null && key == null) {
      throw new IllegalArgumentException(
          "a tier's secret is sealed by the master key, and this" + " server has none");
    }
    Tier tier = openTier(d);
    try {
      tier.verify();
    } catch (IOException | RuntimeException e) {
      tier.close();
      throw e;
    }
    byte[] record = TierCodec.encode(d, key);
    try {
      table.write(
          changes -> {
            if (table.get(DEFINITIONS + d.name()).isPresent()) {
              throw new StoreException(
                  StoreError.INVALID_REQUEST, "A tier named '" + d.name() + "' exists.");
            }
            for (TierDefinition other : list()) {
              for (String c : d.storageClasses()) {
                if (other.storageClasses().contains(c)) {
                  throw new StoreException(
                      StoreError.INVALID_REQUEST,
                      "Storage class " + c + " is served by tier '" + other.name() + "' already.");
                }
              }
            }
            changes.put(DEFINITIONS + d.name(), record);
            return d;
          });
    } catch (IOException | RuntimeException e) {
      tier.close();
      throw e;
    }
    // a reader told of the new tier (a change listener) may have opened it already: keep that one
    Tier raced = open.putIfAbsent(d.name(), tier);
    if (raced != null) tier.close();
    return d;
  }

  /**
   * Removes a tier that holds nothing. INVALID_REQUEST when its storage still holds objects DFS
   * wrote there (versions living in the tier, or copies waiting to be deleted); NO_SUCH_KEY when
   * there is no such tier.
   */
  public void remove(String name) throws IOException {
    require(name);
    if (!tier(name).empty()) {
      throw new StoreException(
          StoreError.INVALID_REQUEST,
          "Tier '"
              + name
              + "' still holds"
              + " objects: delete them or move them back first (copies waiting to be deleted go"
              + " within minutes).");
    }
    table.write(changes -> changes.delete(DEFINITIONS + name));
    Tier t = open.remove(name);
    if (t != null) t.close();
  }

  /**
   * Seals every tier secret not sealed under the master key's current key again (a master-key
   * rotation), in one commit. Returns how many it sealed again.
   */
  public int resealSecrets() throws IOException {
    MasterKey current = key;
    if (current == null) return 0;
    return table.write(
        changes -> {
          int n = 0;
          for (SystemTable.Entry e : table.scan(DEFINITIONS)) {
            byte[] again = TierCodec.resealed(e.requireValue(), current);
            if (again != null) {
              changes.put(e.key(), again);
              n++;
            }
          }
          return n;
        });
  }

  /** Runs the tier's end-to-end probe; IOException naming what failed. */
  public void verify(String name) throws IOException {
    tier(name).verify();
  }

  /** The open tier {@code name}; NO_SUCH_KEY when it is not defined. */
  public Tier tier(String name) throws IOException {
    Tier t = open.get(name);
    if (t != null) return t;
    Tier fresh = openTier(require(name));
    Tier raced = open.putIfAbsent(name, fresh);
    if (raced != null) {
      fresh.close();
      return raced;
    }
    return fresh;
  }

  private static Tier openTier(TierDefinition d) throws IOException {
    return d.kind() == TierDefinition.Kind.DIRECTORY
        ? new LocalDirTier(d.name(), Path.of(d.requirePath()))
        : new S3Tier(d);
  }

  @Override
  public void close() throws IOException {
    subscription.close();
    heard.close();
    for (Tier t : open.values()) t.close();
    open.clear();
  }
}
