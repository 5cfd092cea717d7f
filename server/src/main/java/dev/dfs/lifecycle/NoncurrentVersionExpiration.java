package dev.dfs.lifecycle;

import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code NoncurrentVersionExpiration} action. Immutable.
 *
 * @param noncurrentDays a version is removed this many lifecycle days after it became noncurrent
 *     (positive)
 * @param newerNoncurrentVersions keep this many newer noncurrent versions regardless of age (1 to
 *     100), or null
 */
public record NoncurrentVersionExpiration(
    int noncurrentDays, @Nullable Integer newerNoncurrentVersions) {}
