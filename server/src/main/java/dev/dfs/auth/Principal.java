package dev.dfs.auth;

/**
 * Who made a request. {@code accessKey} is the key used (null for anonymous or X-Api-Key).
 * Anonymous is only ever produced when the operator opened access.
 */
public record Principal(String userId, String accessKey, boolean anonymous) {
  public static final Principal ANONYMOUS = new Principal("anonymous", null, true);
}
