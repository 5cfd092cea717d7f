package dev.dfs.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON for the management API (Jackson; maps keep insertion order). Thread-safe. */
final class AdminJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private AdminJson() {}

  static byte[] bytes(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** The error body every failing management route answers. */
  static Map<String, Object> error(String code, @Nullable String message, String requestId) {
    return obj("code", code, "message", message, "requestId", requestId);
  }

  /**
   * {@code body} as a JSON object; IllegalArgumentException saying what is wrong (too large: null,
   * not JSON, not an object, then {@code shape}: what the object should look like).
   */
  static com.fasterxml.jackson.databind.JsonNode object(byte @Nullable [] body, String shape) {
    if (body == null) throw new IllegalArgumentException("The body is too large.");
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = body.length == 0 ? null : MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("The body is not valid JSON.");
    }
    if (node == null || !node.isObject())
      throw new IllegalArgumentException("The body must be a JSON object" + shape);
    return node;
  }

  /** An ordered map from alternating keys and values. */
  static Map<String, Object> obj(@Nullable Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  /** Rounds to 3 decimals for display; NaN and negatives (unknown) become null. */
  static @Nullable Double round(double v) {
    if (Double.isNaN(v) || v < 0) return null;
    return Math.round(v * 1000) / 1000.0;
  }
}
