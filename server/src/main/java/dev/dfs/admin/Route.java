package dev.dfs.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One management route: method, path template ({@code /api/v1/buckets/{name}}), whether it needs an
 * admin credential, and what answers it. Immutable.
 */
record Route(String method, String template, Access access, Action action) {
  /** Who may call a route. */
  enum Access {
    /** Anyone (health, readiness, the API description and its viewer). */
    PUBLIC,
    /** An admin credential: X-Api-Key of an admin, or SigV4 of an admin user. */
    ADMIN,
    /** Bearer DFS_METRICS_TOKEN when one is configured, else anyone. */
    METRICS_TOKEN
  }

  @FunctionalInterface
  interface Action {
    void run(AdminCall call) throws Exception;
  }

  /** Path parameters if {@code path} matches the template, else null. */
  @Nullable Map<String, String> match(String path) {
    String[] t = template.split("/", -1);
    String[] p = path.split("/", -1);
    if (t.length != p.length) return null;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < t.length; i++) {
      if (t[i].startsWith("{") && t[i].endsWith("}")) {
        if (p[i].isEmpty()) return null;
        params.put(
            t[i].substring(1, t[i].length() - 1),
            java.net.URLDecoder.decode(p[i], java.nio.charset.StandardCharsets.UTF_8));
      } else if (!t[i].equals(p[i])) {
        return null;
      }
    }
    return params;
  }
}
