package dev.dfs.identity;

import java.time.Instant;

/**
 * An access key as it may be shown: its id (an identifier, not a secret), owner, status and
 * creation time. The secret is never part of it. Immutable.
 *
 * @param accessKeyId 20 upper-case letters and digits
 */
public record AccessKey(String accessKeyId, String userName, KeyStatus status, Instant created) {
  /** This key with another status. */
  public AccessKey withStatus(KeyStatus value) {
    return new AccessKey(accessKeyId, userName, value, created);
  }
}
