package dev.dfs.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dfs.identity.AccessKey;
import dev.dfs.identity.ApiKey;
import dev.dfs.identity.KeyStatus;
import dev.dfs.identity.NewAccessKey;
import dev.dfs.identity.NewApiKey;
import dev.dfs.identity.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of users and keys, shared by the management API and {@code dfs admin --offline}
 * so both print the same. Only {@link #newAccessKey} and {@link #newApiKey} carry a secret (the
 * answer to creating it); every other view shows none.
 */
public final class IdentityViews {
  /** {@code source} of users kept in the identity store. */
  public static final String STORED = "identity store";

  /** {@code source} of root. */
  public static final String CONFIGURED =
      "configuration (DFS_ROOT_ACCESS_KEY or root-credentials.properties)";

  private IdentityViews() {}

  /** A stored user, with the ids of its access keys (taken from {@code keys}). */
  public static Map<String, Object> user(User u, List<AccessKey> keys) {
    List<String> ids = new ArrayList<>();
    for (AccessKey k : keys) if (k.userName().equals(u.name())) ids.add(k.accessKeyId());
    return AdminJson.obj(
        "id",
        u.name(),
        "name",
        u.name(),
        "admin",
        false,
        "enabled",
        u.enabled(),
        "created",
        u.created().toString(),
        "source",
        STORED,
        "accessKeys",
        ids,
        "policy",
        policy(u.policy()));
  }

  /** A user whose credentials come from the configuration (root). */
  public static Map<String, Object> configured(ManagementSettings.Identity i) {
    return AdminJson.obj(
        "id",
        i.userId(),
        "name",
        i.userId(),
        "admin",
        i.admin(),
        "enabled",
        true,
        "created",
        null,
        "source",
        CONFIGURED,
        "accessKeys",
        i.accessKey() == null ? List.of() : List.of(i.accessKey()),
        "policy",
        null);
  }

  public static Map<String, Object> accessKey(AccessKey k) {
    return AdminJson.obj(
        "type",
        "access_key",
        "id",
        k.accessKeyId(),
        "userId",
        k.userName(),
        "status",
        k.status().wire(),
        "created",
        k.created().toString());
  }

  public static Map<String, Object> apiKey(ApiKey k) {
    return AdminJson.obj(
        "type",
        "api_key",
        "id",
        k.id(),
        "userId",
        k.userName(),
        "status",
        KeyStatus.ACTIVE.wire(),
        "created",
        k.created().toString(),
        "lastFour",
        k.lastFour());
  }

  /** The answer to creating an access key: the only time its secret is shown. */
  public static Map<String, Object> newAccessKey(NewAccessKey k) {
    return AdminJson.obj(
        "accessKeyId",
        k.key().accessKeyId(),
        "secretKey",
        k.secretKey(),
        "userId",
        k.key().userName(),
        "status",
        k.key().status().wire(),
        "created",
        k.key().created().toString());
  }

  /** The answer to creating an API key: the only time its value is shown. */
  public static Map<String, Object> newApiKey(NewApiKey k) {
    return AdminJson.obj(
        "id",
        k.key().id(),
        "apiKey",
        k.apiKey(),
        "userId",
        k.key().userName(),
        "lastFour",
        k.key().lastFour(),
        "created",
        k.key().created().toString());
  }

  /** The stored policy text as a JSON value (it was checked to be an object), or null. */
  private static @Nullable Object policy(@Nullable String text) {
    if (text == null) return null;
    try {
      return AdminJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return text;
    }
  }
}
