package dev.dfs.policy;

import dev.dfs.auth.Principal;
import dev.dfs.authz.AccessRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fluent builder of {@link AccessRequest}s for policy tests. */
final class Requests {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private Principal principal = new Principal("bob", "AKBOB", false);
  private String action = "s3:GetObject";
  private String bucket = "photos";
  private String key = "public/a.jpg";
  private String ip = "127.0.0.1";
  private boolean tls;
  private Instant time = NOW;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final Map<String, String> query = new LinkedHashMap<>();
  private Map<String, String> tags = Map.of();

  static Requests req() {
    return new Requests();
  }

  Requests user(String id) {
    principal = new Principal(id, "AK" + id, false);
    return this;
  }

  Requests anonymous() {
    principal = Principal.ANONYMOUS;
    return this;
  }

  Requests action(String a) {
    action = a;
    return this;
  }

  Requests bucket(String b, String k) {
    bucket = b;
    key = k;
    return this;
  }

  Requests ip(String a) {
    ip = a;
    return this;
  }

  Requests tls(boolean t) {
    tls = t;
    return this;
  }

  Requests time(Instant t) {
    time = t;
    return this;
  }

  Requests header(String name, String value) {
    headers.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value));
    return this;
  }

  Requests query(String name, String value) {
    query.put(name, value);
    return this;
  }

  Requests tags(Map<String, String> t) {
    tags = t;
    return this;
  }

  AccessRequest build() {
    Map<String, String> t = tags;
    return new AccessRequest(
        principal, action, bucket, key, ip, tls, time, headers, query, () -> t);
  }
}
