package dev.dfs.bench;

/** What a benchmark run does; selected with {@code --mode}. */
public enum Mode {
  /** PutObject: new keys, or overwrites within {@code --keys}. */
  PUT,
  /** GetObject of random prefilled keys; bodies are read to the end. */
  GET,
  /** A weighted mix of operations ({@code --mix}) over a prefilled key space. */
  MIXED,
  /** ListObjectsV2 pages over a prefilled key space, walked with continuation tokens. */
  LIST,
  /** HeadObject of random prefilled keys. */
  STAT,
  /** DeleteObject of each prefilled key once. */
  DELETE,
  /** Whole multipart uploads of {@code --size} in parts of {@code --part-size}. */
  MULTIPART,
  /**
   * A long mixed run (PUT, GET, HEAD, LIST, DELETE and whole multipart uploads of mixed sizes) that
   * samples the server's resident memory over time.
   */
  SOAK;

  /** Whether this mode needs objects to exist before measuring. */
  public boolean prefills() {
    return this == GET
        || this == MIXED
        || this == LIST
        || this == STAT
        || this == DELETE
        || this == SOAK;
  }

  /** Whether this mode draws its operations from a {@link Mix}. */
  public boolean mixes() {
    return this == MIXED || this == SOAK;
  }
}
