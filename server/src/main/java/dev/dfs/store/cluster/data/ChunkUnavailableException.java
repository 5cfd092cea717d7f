package dev.dfs.store.cluster.data;

import java.io.IOException;
import java.util.Map;

/** No replica could serve (the rest of) a chunk; each one's fault is recorded for repair. */
public final class ChunkUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient Map<String, ReplicaFault> failures;

  public ChunkUnavailableException(String chunk, Map<String, ReplicaFault> failures) {
    super("no replica could serve chunk " + chunk + "; tried: " + failures);
    this.failures = Map.copyOf(failures);
  }

  public Map<String, ReplicaFault> failures() {
    return failures;
  }
}
