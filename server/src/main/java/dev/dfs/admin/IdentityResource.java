package dev.dfs.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/users}, {@code /users/{id}}, {@code /keys}: read-only views of the
 * identities that exist. Today that is only the root user (its access key and API key); users
 * and keys cannot be created, changed or deleted through the API yet, and every answer says so
 * in {@code note}. Secrets are never shown: the API key only as its last four characters.
 */
final class IdentityResource {
  static final String NOTE = "Only the root identity exists in this version; users and keys"
      + " are read-only and cannot be created, changed or deleted through the API yet.";

  private final ManagementSettings settings;

  IdentityResource(ManagementSettings settings) {
    this.settings = settings;
  }

  void users(AdminCall call) {
    List<Object> users = new ArrayList<>();
    for (ManagementSettings.Identity i : settings.identities()) users.add(user(i));
    call.json(200, AdminJson.obj("users", users, "readOnly", true, "note", NOTE));
  }

  void user(AdminCall call) {
    String id = call.path("id");
    for (ManagementSettings.Identity i : settings.identities()) {
      if (i.userId().equals(id)) {
        call.json(200, user(i));
        return;
      }
    }
    call.error(404, "NoSuchUser", "No user '" + id + "'. " + NOTE);
  }

  void keys(AdminCall call) {
    List<Object> keys = new ArrayList<>();
    for (ManagementSettings.Identity i : settings.identities()) {
      keys.add(AdminJson.obj("type", "access_key", "id", i.accessKey(), "userId", i.userId(),
          "status", "active"));
      if (i.apiKeyLastFour() != null) {
        keys.add(AdminJson.obj("type", "api_key", "id", i.apiKeyLastFour(), "userId", i.userId(),
            "status", "active"));
      }
    }
    call.json(200, AdminJson.obj("keys", keys, "readOnly", true, "note", NOTE));
  }

  private static Map<String, Object> user(ManagementSettings.Identity i) {
    return AdminJson.obj("id", i.userId(), "admin", i.admin(), "accessKey", i.accessKey(),
        "readOnly", true, "source", "root credentials (DFS_ROOT_ACCESS_KEY or generated)");
  }
}
