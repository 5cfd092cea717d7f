package dev.dfs.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.kms.KeyService;
import dev.dfs.kms.KmsException;
import dev.dfs.kms.KmsKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/kms/keys}: the key service's keys (list, create, describe, enable, disable,
 * rotate). A key in the path is its id, ARN or alias, percent-encoded ({@code alias%2Fapp}). Key
 * material never appears. Refusals are JSON errors: 400 (bad body, alias or description), 404
 * NotFoundException, 409 DisabledException (rotating a disabled key), 413 (body over 64 KiB), 501
 * when the server has no key service (no identity store or no master key). Thread-safe (the service
 * is).
 */
final class KmsResource {
  private static final int MAX_BODY = 64 * 1024;

  private final @Nullable KeyService kms;
  private final @Nullable MasterKeyRotations rotations;

  /**
   * @param kms null when this server has no key service
   * @param rotations null when this server cannot rotate its master key
   */
  KmsResource(@Nullable KeyService kms, @Nullable MasterKeyRotations rotations) {
    this.kms = kms;
    this.rotations = rotations;
  }

  @FunctionalInterface
  private interface Body {
    void run(AdminCall call, KeyService kms) throws IOException;
  }

  private void answer(AdminCall call, Body body) throws IOException {
    if (kms == null) {
      call.error(
          501,
          "NotImplemented",
          "This server has no key service (it needs an identity"
              + " store and a master key, and an engine with encryption at rest).");
      return;
    }
    try {
      body.run(call, kms);
    } catch (KmsException e) {
      switch (e.reason()) {
        case NOT_FOUND -> call.error(404, "NotFoundException", e.getMessage());
        case DISABLED -> call.error(409, "DisabledException", e.getMessage());
        case INVALID -> call.error(400, "InvalidRequest", e.getMessage());
      }
    }
  }

  void list(AdminCall call) throws IOException {
    answer(
        call,
        (c, k) -> {
          List<Object> keys = new ArrayList<>();
          for (KmsKey key : k.list()) keys.add(view(key));
          c.json(200, AdminJson.obj("keys", keys));
        });
  }

  void create(AdminCall call) throws IOException {
    answer(
        call,
        (c, k) -> {
          JsonNode body = jsonObject(c);
          c.json(201, view(k.create(text(body, "alias"), text(body, "description"))));
        });
  }

  void describe(AdminCall call) throws IOException {
    answer(call, (c, k) -> c.json(200, view(k.describe(c.path("kmsKey")))));
  }

  void enable(AdminCall call) throws IOException {
    answer(call, (c, k) -> c.json(200, view(k.setEnabled(c.path("kmsKey"), true))));
  }

  void disable(AdminCall call) throws IOException {
    answer(call, (c, k) -> c.json(200, view(k.setEnabled(c.path("kmsKey"), false))));
  }

  void rotate(AdminCall call) throws IOException {
    answer(call, (c, k) -> c.json(200, view(k.rotate(c.path("kmsKey")))));
  }

  /** {@code GET /kms/master-key}: the master key's id and the rotation's progress. */
  void masterKey(AdminCall call) throws IOException {
    MasterKeyRotations r = rotations;
    if (r == null) {
      refuseRotation(call);
      return;
    }
    call.json(200, view(r.status()));
  }

  /**
   * {@code POST /kms/master-key/rotate}: starts (or resumes) a rotation in the background and
   * answers 202 with its status; 409 when the key's source does not allow it now, 501 where
   * rotation is not available (cluster engine).
   */
  void rotateMasterKey(AdminCall call) throws IOException {
    MasterKeyRotations r = rotations;
    if (r == null) {
      refuseRotation(call);
      return;
    }
    try {
      call.json(202, view(r.rotate()));
    } catch (MasterKeyRotations.Refused e) {
      if (e.unsupported()) call.error(501, "NotImplemented", e.getMessage());
      else call.error(409, "Conflict", e.getMessage());
    }
  }

  private static void refuseRotation(AdminCall call) throws IOException {
    call.error(
        501,
        "NotImplemented",
        "This server cannot rotate its master key (it needs an"
            + " identity store and a master key, and an engine with encryption at rest).");
  }

  static Map<String, Object> view(MasterKeyRotations.Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", s.state());
    m.put("keyId", s.keyId());
    m.put("previousKeyIds", s.previousKeyIds());
    m.put("done", s.done());
    m.put("total", s.total());
    m.put("pendingUploads", s.pendingUploads());
    if (s.started() != null) m.put("started", s.started());
    if (s.finished() != null) m.put("finished", s.finished());
    if (s.message() != null) m.put("message", s.message());
    return m;
  }

  /** A key as the API shows it, with AWS KMS's field names. */
  static Map<String, Object> view(KmsKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("KeyId", k.keyId());
    m.put("Arn", k.arn());
    m.put("Aliases", k.aliases());
    m.put("Description", k.description());
    m.put("KeyState", k.state());
    m.put("Enabled", k.enabled());
    m.put("CreationDate", k.created().toString());
    m.put("KeyVersion", k.version());
    if (k.rotated() != null) m.put("LastRotationDate", k.rotated().toString());
    return m;
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isTextual()) {
      throw new KmsException(KmsException.Reason.INVALID, "\"" + field + "\" must be a string.");
    }
    return n.asText();
  }

  /** The body as a JSON object; an empty body is an empty object (a key with no alias). */
  private static JsonNode jsonObject(AdminCall c) throws IOException {
    byte[] bytes = c.body(MAX_BODY);
    if (bytes == null) {
      throw new KmsException(KmsException.Reason.INVALID, "The body is larger than 64 KiB.");
    }
    if (bytes.length == 0) return AdminJson.MAPPER.createObjectNode();
    JsonNode node;
    try {
      node = AdminJson.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new KmsException(KmsException.Reason.INVALID, "The body is not valid JSON.");
    }
    if (node == null || !node.isObject()) {
      throw new KmsException(KmsException.Reason.INVALID, "The body must be a JSON object.");
    }
    return node;
  }
}
