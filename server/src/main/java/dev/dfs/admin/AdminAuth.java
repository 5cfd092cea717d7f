package dev.dfs.admin;

import dev.dfs.auth.AuthException;
import dev.dfs.auth.AuthResult;
import dev.dfs.auth.Principal;
import dev.dfs.auth.RequestAuthenticator;
import dev.dfs.auth.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a management request may proceed. ADMIN routes accept an {@code X-Api-Key} or a
 * SigV4 signature verified by the same {@link RequestAuthenticator} as S3, and then require the
 * caller to be an admin user. Anonymous callers never pass, even with DFS_AUTH=none. Metrics routes
 * accept {@code Authorization: Bearer <DFS_METRICS_TOKEN>} (compared in constant time) or nothing
 * when no token is configured. Thread-safe.
 */
final class AdminAuth {
  /** Outcome: null status means allowed. */
  record Denial(int status, String code, @Nullable String message) {}

  private final RequestAuthenticator authenticator;
  private final Set<String> adminUsers;
  private final byte @Nullable [] metricsToken;

  AdminAuth(
      RequestAuthenticator authenticator, Set<String> adminUsers, @Nullable String metricsToken) {
    this.authenticator = authenticator;
    this.adminUsers = Set.copyOf(adminUsers);
    this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
  }

  /** Null when allowed, else why not. */
  @Nullable Denial check(Route.Access access, Request request, AdminCall call) {
    return switch (access) {
      case PUBLIC -> null;
      case METRICS_TOKEN -> checkToken(request);
      case ADMIN -> checkAdmin(request, call);
    };
  }

  private @Nullable Denial checkToken(Request request) {
    if (metricsToken == null) return null;
    String h = request.getHeaders().get("Authorization");
    if (h == null || !h.startsWith("Bearer ")) {
      return new Denial(
          401, "Unauthorized", "This endpoint needs 'Authorization: Bearer <DFS_METRICS_TOKEN>'.");
    }
    byte[] given = h.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, metricsToken)
        ? null
        : new Denial(401, "Unauthorized", "The metrics token is not valid.");
  }

  /**
   * Authenticates an admin call and hands the call its body as the authenticator returns it: a
   * signed body is then checked against its signed hash (or chunk signatures) while the route reads
   * it, so a captured request replayed with another body fails before anything is done with it (the
   * route sees a {@link dev.dfs.util.BodyException}).
   */
  private @Nullable Denial checkAdmin(Request request, AdminCall call) {
    boolean hasCredential =
        request.getHeaders().get("X-Api-Key") != null
            || request.getHeaders().get("Authorization") != null
            || (request.getHttpURI().getQuery() != null
                && request.getHttpURI().getQuery().contains("X-Amz-Signature="));
    if (!hasCredential) {
      return new Denial(
          401,
          "Unauthorized",
          "This route needs an admin credential: an X-Api-Key header or a SigV4 signature.");
    }
    Principal who;
    try {
      AuthResult r =
          authenticator.authenticate(
              signed(request), org.eclipse.jetty.io.Content.Source.asInputStream(request));
      who = r.principal();
      call.useBody(r.body());
    } catch (AuthException e) {
      if (e.bodyFailure() != null) {
        return new Denial(400, AdminCall.bodyErrorCode(e.bodyFailure()), e.getMessage());
      }
      return new Denial(401, "Unauthorized", "The credential was not accepted: " + e.getMessage());
    }
    if (who.anonymous()) {
      return new Denial(
          401, "Unauthorized", "Anonymous access is never allowed on the management API.");
    }
    if (!adminUsers.contains(who.userId())) {
      return new Denial(403, "Forbidden", "User '" + who.userId() + "' is not an administrator.");
    }
    return null;
  }

  private static SignedRequest signed(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers
          .computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>())
          .add(field.getValue());
    }
    return new SignedRequest(
        request.getMethod(),
        request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(),
        headers,
        Request.getRemoteAddr(request));
  }
}
