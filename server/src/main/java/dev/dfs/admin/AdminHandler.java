package dev.dfs.admin;

import java.time.Instant;
import java.util.Locale;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The management API under {@code /api/v1}. Declines (returns false) every other request, and
 * requests addressed to a virtual-host bucket, so the next handler (S3) takes them. The bucket
 * name {@code api} is reserved, so path-style S3 never needs {@code /api/v1/…}. Thread-safe.
 */
public final class AdminHandler extends Handler.Abstract.NonBlocking {
  /** The prefix of every management route. */
  public static final String PREFIX = "/api/v1/";

  private final HealthHandler health;
  private final String domain;

  /**
   * @param domain DFS_DOMAIN (hosts ending in {@code .domain} address buckets), or null
   */
  public AdminHandler(String version, Instant started, String domain) {
    this.health = new HealthHandler(version, started);
    this.domain = domain == null ? null : domain.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (path == null || !path.startsWith(PREFIX) || isBucketHost(request)) {
      return false;
    }
    if (path.equals(PREFIX + "health")) {
      return health.handle(request, response, callback);
    }
    AdminJson.error(response, callback, 404, "NotFound", "No such management route: " + path);
    return true;
  }

  private boolean isBucketHost(Request request) {
    if (domain == null) return false;
    String host = Request.getServerName(request);
    return host != null && host.toLowerCase(Locale.ROOT).endsWith("." + domain);
  }
}
