package dev.dfs.identity;

import java.io.IOException;

/**
 * The identity database is held by another process (or another open store): a server runs on it.
 */
public final class IdentityStoreLockedException extends IOException {
  public IdentityStoreLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
