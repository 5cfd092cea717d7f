package dev.dfs.identity;

/**
 * A freshly created access key with its secret: returned once by {@link
 * IdentityStore#createAccessKey}, never again. {@code toString} hides the secret.
 *
 * @param secretKey 40 characters
 */
public record NewAccessKey(AccessKey key, String secretKey) {
  @Override
  public String toString() {
    return "NewAccessKey[key=" + key + ", secretKey=***]";
  }
}
