package dev.dfs.store.cluster.data;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A replica failed for a known {@link ReplicaFault}; the caller tries another one. */
public class ReplicaException extends IOException {
  private static final long serialVersionUID = 1L;
  private final ReplicaFault fault;

  /** {@code message} may be null, as any exception's (it is often another one's message). */
  public ReplicaException(ReplicaFault fault, @Nullable String message) {
    super(message);
    this.fault = fault;
  }

  public ReplicaException(ReplicaFault fault, @Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
    this.fault = fault;
  }

  public ReplicaFault fault() {
    return fault;
  }
}
