package dev.dfs.identity;

import java.io.IOException;

/** This node's master key is not the one the replicated identity records were sealed under. */
public final class MasterKeyMismatchException extends IOException {
  public MasterKeyMismatchException(String message) {
    super(message);
  }
}
