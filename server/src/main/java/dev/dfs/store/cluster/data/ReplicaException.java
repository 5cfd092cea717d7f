package dev.dfs.store.cluster.data;

import java.io.IOException;

/** A replica failed for a known {@link ReplicaFault}; the caller tries another one. */
public class ReplicaException extends IOException {
  private static final long serialVersionUID = 1L;
  private final ReplicaFault fault;

  public ReplicaException(ReplicaFault fault, String message) {
    super(message);
    this.fault = fault;
  }

  public ReplicaException(ReplicaFault fault, String message, Throwable cause) {
    super(message, cause);
    this.fault = fault;
  }

  public ReplicaFault fault() {
    return fault;
  }
}
