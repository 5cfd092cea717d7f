package dev.dfs.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.identity.AccessKey;
import dev.dfs.identity.IdentityException;
import dev.dfs.identity.IdentityStore;
import dev.dfs.identity.KeyStatus;
import dev.dfs.identity.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/users}, {@code /api/v1/keys} and {@code /api/v1/api-keys}: the identity store's
 * users and keys, plus root (from the configuration: shown, never changed). Secrets appear only in
 * the answer that creates them; API keys are otherwise shown by their last four characters.
 * Refusals are JSON errors: 400 (bad name, body or policy), 404 (no such user or key), 409 (exists
 * already, or root), 413 (body over 64 KiB). Without an identity store every change answers 501.
 * Thread-safe (the store is).
 */
final class IdentityResource {
  private static final int MAX_BODY = 64 * 1024;

  private final List<ManagementSettings.Identity> configured;
  private final @Nullable IdentityStore store;

  IdentityResource(ManagementSettings settings) {
    this.configured = settings.identities();
    this.store = settings.identityStore();
  }

  /** A refusal detected here, answered as a JSON error. */
  private static final class Refusal extends RuntimeException {
    final int status;
    final String code;

    Refusal(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  @FunctionalInterface
  private interface Body {
    void run(AdminCall call) throws IOException;
  }

  /** Runs {@code body}, answering identity refusals as JSON errors. */
  private static void answer(AdminCall call, Body body) throws IOException {
    try {
      body.run(call);
    } catch (Refusal r) {
      call.error(r.status, r.code, r.getMessage());
    } catch (IdentityException e) {
      switch (e.reason()) {
        case INVALID -> call.error(400, "InvalidRequest", e.getMessage());
        case NO_SUCH_USER -> call.error(404, "NoSuchUser", e.getMessage());
        case NO_SUCH_KEY -> call.error(404, "NoSuchKey", e.getMessage());
        case CONFLICT -> call.error(409, "Conflict", e.getMessage());
      }
    }
  }

  private IdentityStore store() {
    if (store == null) {
      throw new Refusal(501, "NotImplemented", "This server has no identity store.");
    }
    return store;
  }

  // ---- users

  void users(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          List<Object> users = new ArrayList<>();
          for (ManagementSettings.Identity i : configured) users.add(IdentityViews.configured(i));
          if (store != null) {
            List<AccessKey> keys = store.accessKeys();
            for (User u : store.users()) users.add(IdentityViews.user(u, keys));
          }
          c.json(200, AdminJson.obj("users", users));
        });
  }

  void user(AdminCall call) throws IOException {
    answer(call, c -> c.json(200, userView(c.path("id"))));
  }

  void addUser(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          JsonNode body = jsonObject(c);
          JsonNode name = body.get("name");
          if (name == null || !name.isTextual()) {
            throw new Refusal(400, "InvalidRequest", "The body needs \"name\": a user name.");
          }
          checkConfigured(name.asText(), "exists already");
          User u = store().addUser(name.asText(), policyText(body.get("policy")));
          c.json(201, IdentityViews.user(u, List.of()));
        });
  }

  void updateUser(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          String id = c.path("id");
          JsonNode body = jsonObject(c);
          JsonNode enabled = body.get("enabled");
          if (enabled == null || !enabled.isBoolean()) {
            throw new Refusal(400, "InvalidRequest", "The body needs \"enabled\": true or false.");
          }
          checkConfigured(id, "cannot be disabled");
          store().setUserEnabled(id, enabled.asBoolean());
          c.json(200, userView(id));
        });
  }

  void removeUser(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          checkConfigured(c.path("id"), "cannot be removed");
          store().removeUser(c.path("id"));
          c.noContent();
        });
  }

  /** The body is the policy document itself, stored verbatim. */
  void putPolicy(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          checkConfigured(c.path("id"), "has no identity policy (it may do everything)");
          byte[] bytes = c.body(MAX_BODY);
          if (bytes == null) throw tooLarge();
          store().setPolicy(c.path("id"), new String(bytes, StandardCharsets.UTF_8));
          c.json(200, userView(c.path("id")));
        });
  }

  void deletePolicy(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          checkConfigured(c.path("id"), "has no identity policy (it may do everything)");
          store().setPolicy(c.path("id"), null);
          c.json(200, userView(c.path("id")));
        });
  }

  // ---- access keys

  void createKey(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          checkConfigured(c.path("id"), "gets no access keys here");
          c.json(201, IdentityViews.newAccessKey(store().createAccessKey(c.path("id"))));
        });
  }

  void keys(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          List<Object> keys = new ArrayList<>();
          for (ManagementSettings.Identity i : configured) {
            keys.add(
                AdminJson.obj(
                    "type",
                    "access_key",
                    "id",
                    i.accessKey(),
                    "userId",
                    i.userId(),
                    "status",
                    KeyStatus.ACTIVE.wire(),
                    "created",
                    null));
            if (i.apiKeyLastFour() != null) {
              keys.add(
                  AdminJson.obj(
                      "type",
                      "api_key",
                      "id",
                      i.userId(),
                      "userId",
                      i.userId(),
                      "status",
                      KeyStatus.ACTIVE.wire(),
                      "created",
                      null,
                      "lastFour",
                      i.apiKeyLastFour()));
            }
          }
          if (store != null) {
            for (AccessKey k : store.accessKeys()) keys.add(IdentityViews.accessKey(k));
            for (var k : store.apiKeys()) keys.add(IdentityViews.apiKey(k));
          }
          c.json(200, AdminJson.obj("keys", keys));
        });
  }

  void updateKey(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          String id = c.path("accessKey");
          JsonNode status = jsonObject(c).get("status");
          if (status == null || !status.isTextual()) {
            throw new Refusal(
                400, "InvalidRequest", "The body needs \"status\": Active or Inactive.");
          }
          KeyStatus wanted = KeyStatus.parse(status.asText());
          checkRootKey(id);
          c.json(200, IdentityViews.accessKey(store().setAccessKeyStatus(id, wanted)));
        });
  }

  void deleteKey(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          checkRootKey(c.path("accessKey"));
          store().deleteAccessKey(c.path("accessKey"));
          c.noContent();
        });
  }

  // ---- API keys

  void createApiKey(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          checkConfigured(c.path("id"), "gets no API keys here");
          c.json(201, IdentityViews.newApiKey(store().createApiKey(c.path("id"))));
        });
  }

  void apiKeys(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          List<Object> keys = new ArrayList<>();
          if (store != null) for (var k : store.apiKeys()) keys.add(IdentityViews.apiKey(k));
          c.json(200, AdminJson.obj("apiKeys", keys));
        });
  }

  void deleteApiKey(AdminCall call) throws IOException {
    answer(
        call,
        c -> {
          store().deleteApiKey(c.path("keyId"));
          c.noContent();
        });
  }

  // ---- helpers

  private Map<String, Object> userView(@Nullable String id) {
    for (ManagementSettings.Identity i : configured) {
      if (i.userId().equals(id)) return IdentityViews.configured(i);
    }
    IdentityStore users = store;
    User u = users == null || id == null ? null : users.user(id).orElse(null);
    if (users == null || u == null) throw new Refusal(404, "NoSuchUser", "No user '" + id + "'.");
    return IdentityViews.user(u, users.accessKeys());
  }

  private void checkConfigured(@Nullable String id, String what) {
    for (ManagementSettings.Identity i : configured) {
      if (i.userId().equals(id)) {
        throw new Refusal(
            409,
            "Conflict",
            "User '" + id + "' " + what + ": its credentials come from the configuration.");
      }
    }
    if (User.ROOT.equals(id)) {
      throw new Refusal(409, "Conflict", "User 'root' " + what + ": it is reserved.");
    }
  }

  private void checkRootKey(@Nullable String accessKey) {
    for (ManagementSettings.Identity i : configured) {
      if (i.accessKey() != null && i.accessKey().equals(accessKey)) {
        throw new Refusal(
            409,
            "Conflict",
            "Access key "
                + accessKey
                + " belongs to '"
                + i.userId()
                + "' and comes from the configuration; it cannot be changed or deleted.");
      }
    }
  }

  private static JsonNode jsonObject(AdminCall c) throws IOException {
    byte[] bytes = c.body(MAX_BODY);
    if (bytes == null) throw tooLarge();
    JsonNode node;
    try {
      node = bytes.length == 0 ? null : AdminJson.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new Refusal(400, "InvalidRequest", "The body is not valid JSON.");
    }
    if (node == null || !node.isObject()) {
      throw new Refusal(400, "InvalidRequest", "The body must be a JSON object.");
    }
    return node;
  }

  /** A policy given inside a JSON body: an object (stored compact) or a string holding one. */
  private static @Nullable String policyText(JsonNode policy) {
    if (policy == null || policy.isNull()) return null;
    if (policy.isTextual()) return policy.asText();
    if (policy.isObject()) return policy.toString();
    throw new Refusal(400, "InvalidRequest", "\"policy\" must be a JSON object.");
  }

  private static Refusal tooLarge() {
    return new Refusal(413, "BodyTooLarge", "The body may have at most " + MAX_BODY + " bytes.");
  }
}
