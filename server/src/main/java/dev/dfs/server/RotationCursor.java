package dev.dfs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dfs.s3.SseS3Reseal.Position;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The durable state of a master-key rotation, kept as one JSON value (format {@code v} 1) in the
 * identity table beside the secrets it re-seals, so it is written atomically and survives a crash.
 * Immutable.
 *
 * @param state RUNNING, DONE, WAITING or FAILED (see {@link
 *     dev.dfs.admin.MasterKeyRotations.Status})
 * @param keyId the master key the rotation seals under
 * @param previousKeyIds the keys it seals away from
 * @param pass 1 for the first walk; each later walk catches values written under the previous key
 *     while the one before it ran
 * @param done values sealed again
 * @param total values found under previous keys, -1 before they were counted
 * @param pendingUploads open SSE-S3 uploads under a previous key, when the rotation ended
 * @param position where the object walk resumes; null while the identity table's values are not
 *     done yet
 * @param message what to do next or why it failed, or null
 */
record RotationCursor(
    String state,
    String keyId,
    List<String> previousKeyIds,
    int pass,
    long done,
    long total,
    long pendingUploads,
    @Nullable Position position,
    Instant started,
    @Nullable Instant finished,
    @Nullable String message) {
  static final String RUNNING = "RUNNING";
  static final String DONE = "DONE";
  static final String WAITING = "WAITING";
  static final String FAILED = "FAILED";
  private static final ObjectMapper JSON = new ObjectMapper();

  RotationCursor {
    previousKeyIds = List.copyOf(previousKeyIds);
  }

  /** A rotation that starts now, nothing counted yet. */
  static RotationCursor start(String keyId, List<String> previousKeyIds, Instant now) {
    return new RotationCursor(RUNNING, keyId, previousKeyIds, 1, 0, -1, 0, null, now, null, null);
  }

  RotationCursor counted(long total) {
    return new RotationCursor(
        state,
        keyId,
        previousKeyIds,
        pass,
        done,
        total,
        pendingUploads,
        position,
        started,
        finished,
        message);
  }

  RotationCursor advanced(@Nullable Position at, long resealed) {
    return new RotationCursor(
        state,
        keyId,
        previousKeyIds,
        pass,
        done + resealed,
        total,
        pendingUploads,
        at,
        started,
        finished,
        message);
  }

  /** Another walk for {@code stale} values written under a previous key meanwhile. */
  RotationCursor nextPass(long stale) {
    return new RotationCursor(
        state,
        keyId,
        previousKeyIds,
        pass + 1,
        done,
        total + stale,
        pendingUploads,
        null,
        started,
        finished,
        message);
  }

  RotationCursor ended(String endState, long pending, Instant now, String why) {
    return new RotationCursor(
        endState, keyId, previousKeyIds, pass, done, total, pending, position, started, now, why);
  }

  /** A failed or interrupted rotation continuing where it stopped. */
  RotationCursor resumed() {
    return new RotationCursor(
        RUNNING,
        keyId,
        previousKeyIds,
        pass,
        done,
        total,
        pendingUploads,
        position,
        started,
        null,
        null);
  }

  byte[] write() {
    ObjectNode n =
        JSON.createObjectNode()
            .put("v", 1)
            .put("state", state)
            .put("keyId", keyId)
            .put("pass", pass)
            .put("done", done)
            .put("total", total)
            .put("pendingUploads", pendingUploads)
            .put("started", started.toString());
    previousKeyIds.forEach(n.putArray("previousKeyIds")::add);
    if (position != null) {
      n.putObject("position")
          .put("bucket", position.bucket())
          .put("keyMarker", position.keyMarker())
          .put("versionIdMarker", position.versionIdMarker())
          .put("bucketDone", position.bucketDone());
    }
    if (finished != null) n.put("finished", finished.toString());
    if (message != null) n.put("message", message);
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static RotationCursor read(byte[] value) throws IOException {
    JsonNode n = JSON.readTree(value);
    if (n == null || n.path("v").asInt() != 1) {
      throw new IOException("the master-key rotation state has an unknown format");
    }
    List<String> previous = new ArrayList<>();
    n.path("previousKeyIds").forEach(p -> previous.add(p.asText()));
    JsonNode p = n.get("position");
    Position position =
        p == null
            ? null
            : new Position(
                text(p, "bucket"),
                text(p, "keyMarker"),
                text(p, "versionIdMarker"),
                p.path("bucketDone").asBoolean());
    return new RotationCursor(
        n.get("state").asText(),
        n.get("keyId").asText(),
        previous,
        n.get("pass").asInt(),
        n.get("done").asLong(),
        n.get("total").asLong(),
        n.get("pendingUploads").asLong(),
        position,
        Instant.parse(n.get("started").asText()),
        n.hasNonNull("finished") ? Instant.parse(n.get("finished").asText()) : null,
        text(n, "message"));
  }

  private static @Nullable String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
