package dev.dfs.identity;

import java.time.Instant;

/**
 * An {@code X-Api-Key} credential as it may be shown: its id (used to delete it), owner, the key's
 * last four characters and creation time. The key itself is stored only as a SHA-256 hash and never
 * shown again after creation. Immutable.
 *
 * @param id 16 lower-case hex characters
 */
public record ApiKey(String id, String userName, String lastFour, Instant created) {}
