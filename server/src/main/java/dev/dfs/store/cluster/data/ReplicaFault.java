package dev.dfs.store.cluster.data;

/** Why a replica could not serve or take a chunk. */
public enum ReplicaFault {
  /** The node answered that it has no such chunk. */
  MISSING,
  /** The node has the chunk but could not produce verified bytes (checksum, length, disk). */
  DAMAGED,
  /** No usable answer: connection refused or reset, timeout, cut-off or altered stream. */
  UNREACHABLE,
  /** The node refused or failed a write (e.g. disk full), or was unreachable while writing. */
  WRITE_FAILED
}
