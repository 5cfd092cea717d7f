package dev.dfs.store;

/**
 * A resolved, satisfiable byte range: {@code first} to {@code last} inclusive, both within the
 * object. The protocol layer resolves {@code Range} headers against the object size.
 */
public record ByteRange(long first, long last) {
  public ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("invalid range " + first + "-" + last);
    }
  }

  public long length() {
    return last - first + 1;
  }
}
