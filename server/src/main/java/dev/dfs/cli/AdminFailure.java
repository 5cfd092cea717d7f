package dev.dfs.cli;

import org.jspecify.annotations.Nullable;

/**
 * A {@code dfs admin} command that could not do what was asked: the message is one readable line
 * (never a secret) and the exit code is 1. {@link Main} prints it.
 */
final class AdminFailure extends RuntimeException {
  AdminFailure(@Nullable String message) {
    super(message, null, false, false);
  }
}
