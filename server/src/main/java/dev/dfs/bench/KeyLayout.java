package dev.dfs.bench;

/**
 * Turns key indexes into object keys: {@code <base>/[<prefix path>]obj-<index>}. With {@code
 * prefixes = N} key i goes under prefix {@code i mod N}; with {@code depth = D} that prefix is
 * written as D nested levels (fan-out ceil(N^(1/D)) each), e.g. {@code bench/p03/p17/obj-…}, so
 * listing with a delimiter sees common prefixes at every level. Indexes are zero-padded so keys
 * sort like their numbers.
 */
public record KeyLayout(String base, int prefixes, int depth) {
  public KeyLayout {
    if (base == null || base.isEmpty())
      throw new IllegalArgumentException("key prefix must not be empty");
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    if (prefixes < 1) throw new IllegalArgumentException("--prefixes must be at least 1");
    if (depth < 1) throw new IllegalArgumentException("--prefix-depth must be at least 1");
  }

  /** Fan-out per level: the smallest f with f^depth >= prefixes. */
  public int fanout() {
    int f = Math.max(1, (int) Math.floor(Math.pow(prefixes, 1.0 / depth)));
    while (Math.pow(f, depth) < prefixes) f++;
    return f;
  }

  /** Everything this layout writes lives under this prefix (ends with '/'). */
  public String root() {
    return base + "/";
  }

  public String key(long index) {
    StringBuilder b = new StringBuilder(base.length() + 32).append(base).append('/');
    if (prefixes > 1) appendPrefixPath(b, (int) (index % prefixes));
    b.append("obj-");
    pad(b, index, 10);
    return b.toString();
  }

  /** The prefix path of prefix number {@code p}, e.g. {@code p03/p17/}, empty with one prefix. */
  String prefixPath(int p) {
    StringBuilder b = new StringBuilder();
    if (prefixes > 1) appendPrefixPath(b, p);
    return b.toString();
  }

  private void appendPrefixPath(StringBuilder b, int p) {
    int f = fanout();
    int width = Integer.toString(f - 1).length();
    int[] digits = new int[depth];
    for (int level = depth - 1; level >= 0; level--) {
      digits[level] = p % f;
      p /= f;
    }
    for (int d : digits) {
      b.append('p');
      pad(b, d, width);
      b.append('/');
    }
  }

  private static void pad(StringBuilder b, long value, int width) {
    String s = Long.toString(value);
    for (int i = s.length(); i < width; i++) b.append('0');
    b.append(s);
  }
}
