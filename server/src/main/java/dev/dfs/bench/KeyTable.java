package dev.dfs.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Which keys of a fixed key space exist, shared by all workers so a GET never races a DELETE of the
 * same key (which would show up as a false error). Each key is absent, present with n readers in
 * flight, or busy (being written or deleted); claims are single CAS operations.
 */
final class KeyTable {
  private static final int ABSENT = -1;
  private static final int BUSY = -2;
  private static final int RANDOM_PROBES = 16;
  private static final int SCAN_LIMIT = 4096;

  /** A claim for writing or deleting one key; remembers whether it existed. */
  record Claim(int index, boolean wasPresent) {}

  private final AtomicIntegerArray states;

  KeyTable(int size) {
    if (size < 1) throw new IllegalArgumentException("key space must hold at least one key");
    states = new AtomicIntegerArray(size);
    for (int i = 0; i < size; i++) states.set(i, ABSENT);
  }

  int size() {
    return states.length();
  }

  void markPresent(int index) {
    states.set(index, 0);
  }

  boolean isPresent(int index) {
    return states.get(index) >= 0;
  }

  /**
   * A present key now held for reading, or -1 if none was found; release with {@link #releaseRead}.
   */
  int acquireRead(RandomGenerator rng) {
    return find(
        rng,
        i -> {
          int s = states.get(i);
          return s >= 0 && states.compareAndSet(i, s, s + 1);
        });
  }

  void releaseRead(int index) {
    states.decrementAndGet(index);
  }

  /** A key (present or absent) with no reader or writer, now busy; null if none was found. */
  @Nullable Claim acquireWrite(RandomGenerator rng) {
    return claim(rng, true);
  }

  /** A present key with no reader, now busy; null if none was found. */
  @Nullable Claim acquireDelete(RandomGenerator rng) {
    return claim(rng, false);
  }

  /** Claims exactly {@code index} for deleting if it is present and idle. */
  @Nullable Claim acquireDelete(int index) {
    return states.compareAndSet(index, 0, BUSY) ? new Claim(index, true) : null;
  }

  /** Ends a write or delete claim; {@code present} is whether the key exists now. */
  void release(Claim claim, boolean present) {
    states.set(claim.index(), present ? 0 : ABSENT);
  }

  /** Indexes of the keys that exist (call when no worker runs). */
  IntStream present() {
    return IntStream.range(0, states.length()).filter(this::isPresent);
  }

  private @Nullable Claim claim(RandomGenerator rng, boolean absentToo) {
    boolean[] was = new boolean[1];
    int i =
        find(
            rng,
            k -> {
              if (states.compareAndSet(k, 0, BUSY)) {
                was[0] = true;
                return true;
              }
              if (absentToo && states.compareAndSet(k, ABSENT, BUSY)) {
                was[0] = false;
                return true;
              }
              return false;
            });
    return i < 0 ? null : new Claim(i, was[0]);
  }

  private int find(RandomGenerator rng, java.util.function.IntPredicate tryClaim) {
    int n = states.length();
    for (int p = 0; p < RANDOM_PROBES; p++) {
      int i = rng.nextInt(n);
      if (tryClaim.test(i)) return i;
    }
    int start = rng.nextInt(n);
    for (int k = 0, limit = Math.min(n, SCAN_LIMIT); k < limit; k++) {
      int i = (start + k) % n;
      if (tryClaim.test(i)) return i;
    }
    return -1;
  }
}
