package dev.dfs.store;

import java.io.IOException;
import java.util.Optional;

/**
 * A bucket's hard quota: the most bytes (logical sizes of every stored version, as {@link
 * StoreUsage.BucketUsage} counts them) and the most objects it may hold. Kept as the bucket's
 * {@value #CONFIG} configuration document ({@link ObjectStore#bucketConfig}), so an engine that
 * replicates bucket configuration (the cluster, through Raft) replicates the quota too. The
 * document is two lines, {@code maxBytes=N} and {@code maxObjects=N}; a limit of {@link #NONE} is
 * absent. Immutable.
 *
 * @param maxBytes the most bytes, or {@link #NONE}
 * @param maxObjects the most objects, or {@link #NONE}
 */
public record BucketQuota(long maxBytes, long maxObjects) {
  /** The name of the configuration document. */
  public static final String CONFIG = "quota";

  /** No limit. */
  public static final long NONE = -1;

  public BucketQuota {
    if (maxBytes < NONE || maxObjects < NONE) {
      throw new IllegalArgumentException("a quota limit is a number of 0 or more");
    }
    if (maxBytes == NONE && maxObjects == NONE) {
      throw new IllegalArgumentException("a quota limits bytes, objects or both");
    }
  }

  /** Whether bytes are limited. */
  public boolean limitsBytes() {
    return maxBytes != NONE;
  }

  /** Whether objects are limited. */
  public boolean limitsObjects() {
    return maxObjects != NONE;
  }

  /** The bucket's quota, or empty when it has none or the engine keeps no configuration. */
  public static Optional<BucketQuota> of(ObjectStore store, String bucket) throws IOException {
    return BucketConfig.find(store, bucket, CONFIG).map(BucketQuota::parse);
  }

  /** The document this quota is stored as. */
  public String document() {
    StringBuilder sb = new StringBuilder();
    if (limitsBytes()) sb.append("maxBytes=").append(maxBytes).append('\n');
    if (limitsObjects()) sb.append("maxObjects=").append(maxObjects).append('\n');
    return sb.toString();
  }

  /** Reads a stored document; IllegalArgumentException when it is not one. */
  public static BucketQuota parse(String document) {
    long bytes = NONE;
    long objects = NONE;
    for (String line : document.split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) continue;
      int eq = l.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("not a quota line: " + l);
      long value = Long.parseLong(l.substring(eq + 1).strip());
      switch (l.substring(0, eq).strip()) {
        case "maxBytes" -> bytes = value;
        case "maxObjects" -> objects = value;
        default -> throw new IllegalArgumentException("not a quota line: " + l);
      }
    }
    return new BucketQuota(bytes, objects);
  }
}
