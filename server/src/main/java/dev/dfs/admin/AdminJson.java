package dev.dfs.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON for the management API (Jackson; maps keep insertion order). Thread-safe. */
final class AdminJson {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private AdminJson() {}

  static byte[] bytes(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** The error body every failing management route answers. */
  static Map<String, Object> error(String code, String message, String requestId) {
    return obj("code", code, "message", message, "requestId", requestId);
  }

  /** An ordered map from alternating keys and values. */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  /** Rounds to 3 decimals for display; NaN and negatives (unknown) become null. */
  static Double round(double v) {
    if (Double.isNaN(v) || v < 0) return null;
    return Math.round(v * 1000) / 1000.0;
  }
}
