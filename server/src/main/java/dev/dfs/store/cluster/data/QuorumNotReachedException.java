package dev.dfs.store.cluster.data;

import java.io.IOException;
import java.util.Map;

/**
 * Fewer replicas than the write quorum could store the chunk; the write is not durable and must not
 * be committed (the S3 layer answers 503 SlowDown/ServiceUnavailable: retrying later may succeed).
 * Whatever replicas did get written are orphans.
 */
public final class QuorumNotReachedException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Map<String, ReplicaFault> failures;

  public QuorumNotReachedException(int quorum, int durable, Map<String, ReplicaFault> failures) {
    super("write quorum " + quorum + " not reached (" + durable + " durable); failed: " + failures);
    this.failures = Map.copyOf(failures);
  }

  /** Node id to what went wrong there. */
  public Map<String, ReplicaFault> failures() {
    return failures;
  }
}
