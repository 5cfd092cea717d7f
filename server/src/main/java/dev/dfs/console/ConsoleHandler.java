package dev.dfs.console;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Serves the web console under {@code /console/} and sends browsers that open {@code /} there.
 * Declines (returns false) every other request, so the S3 handler after it answers them: a request
 * addressed to a virtual-host bucket, any request with credentials, and every path outside {@code
 * /console}. {@code /} is redirected only for an unsigned {@code GET} that accepts HTML (a
 * browser's navigation); a signed ListBuckets on {@code /} goes on to S3. The bucket name {@code
 * console} is reserved, so path-style S3 never needs these paths. Thread-safe; files are served
 * from memory.
 */
public final class ConsoleHandler extends Handler.Abstract.NonBlocking {
  /** The console's root path. */
  public static final String PREFIX = "/console/";

  private final @Nullable String domain;
  private final ConsoleAssets assets;
  private final ConsolePage page;

  /**
   * @param domain DFS_DOMAIN (hosts ending in {@code .domain} address buckets), or null
   * @param region the region the browser signs requests for
   */
  public ConsoleHandler(@Nullable String domain, String region) {
    this.domain = domain == null ? null : domain.toLowerCase(Locale.ROOT);
    this.assets = new ConsoleAssets();
    this.page = new ConsolePage(assets, region);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (path == null || isBucketHost(request)) return false;
    String method = request.getMethod();
    boolean read = "GET".equals(method) || "HEAD".equals(method);
    if (path.equals("/")) {
      if (!read || !isBrowserNavigation(request)) return false;
      redirect(response, callback, PREFIX);
      return true;
    }
    if (!path.equals("/console") && !path.startsWith(PREFIX)) return false;
    secure(response);
    if (!read) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      send(
          request,
          response,
          callback,
          405,
          "text/plain; charset=utf-8",
          "Method not allowed\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else if (path.equals("/console")) {
      redirect(response, callback, PREFIX);
    } else if (path.equals(PREFIX)) {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      send(request, response, callback, 200, "text/html; charset=utf-8", page.html());
    } else {
      serveAsset(request, response, callback, path);
    }
    return true;
  }

  private void serveAsset(Request request, Response response, Callback callback, String path) {
    ConsoleAssets.Asset a = assets.find(path);
    if (a == null) {
      send(
          request,
          response,
          callback,
          404,
          "text/plain; charset=utf-8",
          "Not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    // library URLs carry their version, so browsers may keep them; the console's own modules
    // change with every DFS release and are revalidated on each load
    response
        .getHeaders()
        .put(
            HttpHeader.CACHE_CONTROL,
            a.immutable() ? "public, max-age=31536000, immutable" : "no-cache");
    send(request, response, callback, 200, a.contentType(), a.bytes());
  }

  /** The headers every console response carries: CSP, no sniffing, no framing, no referrer. */
  private void secure(Response response) {
    response.getHeaders().put("Content-Security-Policy", page.policy());
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("X-Frame-Options", "DENY");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
  }

  /**
   * An unsigned GET whose Accept names HTML: what a browser sends when someone opens the server's
   * address. S3 clients either sign or send no such Accept.
   */
  private static boolean isBrowserNavigation(Request request) {
    if (request.getHttpURI().getQuery() != null) return false;
    if (request.getHeaders().get(HttpHeader.AUTHORIZATION) != null) return false;
    if (request.getHeaders().get("X-Api-Key") != null) return false;
    for (HttpField f : request.getHeaders()) {
      if (f.getLowerCaseName().startsWith("x-amz-")) return false;
    }
    String accept = request.getHeaders().get(HttpHeader.ACCEPT);
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
  }

  private static void redirect(Response response, Callback callback, String location) {
    response.setStatus(302);
    response.getHeaders().put(HttpHeader.LOCATION, location);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
    response.write(true, null, callback);
  }

  private static void send(
      Request request, Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) body.length);
    boolean head = "HEAD".equals(request.getMethod());
    response.write(true, head ? null : ByteBuffer.wrap(body), callback);
  }

  private boolean isBucketHost(Request request) {
    if (domain == null) return false;
    String host = Request.getServerName(request);
    return host != null && host.toLowerCase(Locale.ROOT).endsWith("." + domain);
  }
}
