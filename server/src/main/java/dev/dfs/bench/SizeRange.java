package dev.dfs.bench;

import java.util.random.RandomGenerator;

/**
 * Object sizes to write: fixed ({@code 4KiB}) or uniformly random in a range ({@code 1KiB-64KiB}).
 */
public record SizeRange(long min, long max) {
  public SizeRange {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("invalid size range " + min + "-" + max);
    }
  }

  public static SizeRange fixed(long size) {
    return new SizeRange(size, size);
  }

  /** Parses {@code 4KiB} or {@code 1KiB-64KiB}. */
  public static SizeRange parse(String text) {
    String t = text.trim();
    int dash = t.indexOf('-');
    if (dash < 0) return fixed(Sizes.parse(t));
    long lo = Sizes.parse(t.substring(0, dash));
    long hi = Sizes.parse(t.substring(dash + 1));
    if (hi < lo)
      throw new IllegalArgumentException("size range '" + text + "': upper bound below lower");
    return new SizeRange(lo, hi);
  }

  public boolean isFixed() {
    return min == max;
  }

  /** A size in [min, max], uniformly. */
  public long pick(RandomGenerator rng) {
    return isFixed() ? min : rng.nextLong(min, max + 1);
  }

  /** The mean object size. */
  public double mean() {
    return (min + (double) max) / 2;
  }

  @Override
  public String toString() {
    return isFixed() ? Sizes.format(min) : Sizes.format(min) + "-" + Sizes.format(max);
  }
}
