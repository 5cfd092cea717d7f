package dev.dfs.lifecycle;

import java.time.Instant;

/**
 * When a rule makes an object expire (or an upload be aborted), and which rule. Immutable.
 *
 * @param at the instant from which the entry is due
 * @param ruleId the rule's ID
 */
public record Expiry(Instant at, String ruleId) {
  /** Whether the entry is due at {@code now}. */
  public boolean dueAt(Instant now) {
    return !now.isBefore(at);
  }
}
