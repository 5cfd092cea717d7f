package dev.dfs.identity;

/**
 * A freshly created API key with its value: returned once by {@link IdentityStore#createApiKey},
 * never again. {@code toString} hides the value.
 */
public record NewApiKey(ApiKey key, String apiKey) {
  @Override
  public String toString() {
    return "NewApiKey[key=" + key + ", apiKey=***]";
  }
}
