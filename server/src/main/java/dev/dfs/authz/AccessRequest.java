package dev.dfs.authz;

import dev.dfs.auth.Principal;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request as authorization sees it: who asks to do what to which resource, plus the facts
 * policy conditions may test. Immutable; built once per request by the protocol layer.
 *
 * @param principal who asks ({@link Principal#ANONYMOUS} for unsigned requests)
 * @param action the IAM action, e.g. {@code s3:GetObject}
 * @param bucket the bucket addressed, or null for service-level requests (ListBuckets)
 * @param key the object key addressed, or null for bucket-level requests
 * @param sourceIp the client's IP address as text (IPv4 or IPv6), never null
 * @param secureTransport true when the request arrived over TLS
 * @param time when the request is evaluated (aws:CurrentTime)
 * @param headers request headers, names lower-case (for s3:x-amz-acl, s3:RequestObjectTag…)
 * @param query decoded query parameters (for s3:prefix, s3:delimiter, s3:max-keys…)
 * @param existingObjectTags the tags of the addressed object, read only when a condition asks
 * @param bucketSettings what the request's bucket says about access, as loaded once for the
 *     request; null when the request has no bucket or the caller loaded nothing (the authorizer and
 *     the grant sources then read the store themselves)
 */
public record AccessRequest(
    Principal principal,
    String action,
    String bucket,
    @Nullable String key,
    String sourceIp,
    boolean secureTransport,
    Instant time,
    Map<String, List<String>> headers,
    Map<String, String> query,
    ExistingTags existingObjectTags,
    @Nullable BucketSettings bucketSettings) {

  public AccessRequest {
    headers = headers == null ? Map.of() : headers;
    query = query == null ? Map.of() : query;
    existingObjectTags = existingObjectTags == null ? () -> Map.of() : existingObjectTags;
  }

  /** A request whose bucket settings the authorizer and the sources read from the store. */
  public AccessRequest(
      Principal principal,
      String action,
      String bucket,
      @Nullable String key,
      String sourceIp,
      boolean secureTransport,
      Instant time,
      Map<String, List<String>> headers,
      Map<String, String> query,
      ExistingTags existingObjectTags) {
    this(
        principal,
        action,
        bucket,
        key,
        sourceIp,
        secureTransport,
        time,
        headers,
        query,
        existingObjectTags,
        null);
  }

  /** The addressed object's current tags, looked up lazily (empty when it does not exist). */
  @FunctionalInterface
  public interface ExistingTags {
    Map<String, String> get() throws IOException;
  }

  /** The first value of a request header (name in any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
