package dev.dfs.identity;

import dev.dfs.auth.Credential;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the store holds, in memory, immutable: readers take the current snapshot without
 * locking; a writer builds the next one from a copy and publishes it in one volatile write.
 *
 * @param users by name
 * @param keys access keys by id, with their opened secrets
 * @param apiKeys API keys by id
 * @param apiKeyHashes hex SHA-256 of an API key's value → its id
 */
record Snapshot(
    Map<String, User> users,
    Map<String, StoredKey> keys,
    Map<String, StoredApiKey> apiKeys,
    Map<String, String> apiKeyHashes) {

  /** An access key with its secret, ready for signature checks. {@code toString} hides it. */
  record StoredKey(AccessKey key, Credential credential) {}

  /** An API key with the hash of its value. */
  record StoredApiKey(ApiKey key, String hash) {}

  static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), Map.of());

  Snapshot {
    users = Collections.unmodifiableMap(new TreeMap<>(users));
    keys = Map.copyOf(keys);
    apiKeys = Map.copyOf(apiKeys);
    apiKeyHashes = Map.copyOf(apiKeyHashes);
  }

  /** A mutable copy to build the next snapshot from. */
  Builder toBuilder() {
    return new Builder(this);
  }

  /** Collects changes; {@link #build} makes the next immutable snapshot. Not thread-safe. */
  static final class Builder {
    final Map<String, User> users;
    final Map<String, StoredKey> keys;
    final Map<String, StoredApiKey> apiKeys;

    private Builder(Snapshot from) {
      users = new HashMap<>(from.users);
      keys = new HashMap<>(from.keys);
      apiKeys = new HashMap<>(from.apiKeys);
    }

    Snapshot build() {
      Map<String, String> hashes = new HashMap<>();
      for (StoredApiKey a : apiKeys.values()) hashes.put(a.hash(), a.key().id());
      return new Snapshot(users, keys, apiKeys, hashes);
    }
  }
}
