package dev.dfs.auth;

/** An access key pair belonging to a user. {@code toString} never shows the secret. */
public record Credential(String userId, String accessKey, String secretKey) {
  @Override
  public String toString() {
    return "Credential[userId=" + userId + ", accessKey=" + accessKey + ", secretKey=***]";
  }
}
