package dev.dfs.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A fixed set of credentials and API keys, as used while the only identity is the root user.
 * Immutable and thread-safe.
 */
public final class StaticCredentialStore implements CredentialStore {
  private final Map<String, Credential> byAccessKey;
  private final Map<String, String> apiKeys;

  /**
   * @param credentials access key pairs
   * @param apiKeys X-Api-Key value → user id
   */
  public StaticCredentialStore(List<Credential> credentials, Map<String, String> apiKeys) {
    this.byAccessKey =
        credentials.stream()
            .collect(Collectors.toUnmodifiableMap(Credential::accessKey, Function.identity()));
    this.apiKeys = Map.copyOf(apiKeys);
  }

  @Override
  public Optional<Credential> byAccessKey(String accessKey) {
    return Optional.ofNullable(byAccessKey.get(accessKey));
  }

  @Override
  public boolean hasUser(String userId) {
    return byAccessKey.values().stream().anyMatch(c -> c.userId().equals(userId))
        || apiKeys.containsValue(userId);
  }

  @Override
  public Optional<String> userForApiKey(String apiKey) {
    return Optional.ofNullable(apiKeys.get(apiKey));
  }
}
