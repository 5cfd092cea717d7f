package dev.dfs.s3;

import dev.dfs.auth.Principal;
import dev.dfs.authz.AccessRequest;
import dev.dfs.authz.BucketSettings;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link AccessRequest} of an exchange: caller, action, bucket and key, source IP, TLS,
 * headers (names lower-case), query, the bucket's access settings from its {@link BucketContext},
 * and the addressed object's tags read lazily (at most once) from the store when a condition asks
 * for them.
 */
final class AccessRequests {
  private AccessRequests() {}

  /** The request as {@code ex}'s operation addresses it. */
  static AccessRequest of(S3Exchange ex, ObjectStore store) throws IOException {
    return of(ex, ex.principal(), ex.s3().operation().action(), ex.bucket(), ex.key(), store);
  }

  /**
   * A request for {@code action} on {@code bucket}/{@code key} (key null: the bucket), with the
   * bucket's access settings: the exchange's {@link BucketContext} for its own bucket, one lookup
   * for another (a copy's source). None for CreateBucket, whose bucket is yet to be.
   */
  static AccessRequest of(
      S3Exchange ex,
      Principal who,
      String action,
      String bucket,
      @Nullable String key,
      ObjectStore store)
      throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField f : ex.headers()) {
      headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
    }
    return new AccessRequest(
        who,
        action,
        bucket,
        key,
        ex.remoteAddress(),
        ex.secure(),
        ex.clock().instant(),
        headers,
        ex.s3().query(),
        key == null ? () -> Map.of() : new LazyTags(store, bucket, key),
        settings(ex, action, bucket, store));
  }

  private static @Nullable BucketSettings settings(
      S3Exchange ex, String action, String bucket, ObjectStore store) throws IOException {
    if (bucket == null || S3Operation.CREATE_BUCKET.action().equalsIgnoreCase(action)) return null;
    return bucket.equals(ex.bucket())
        ? ex.bucketContext().access()
        : AclDocuments.settings(store, bucket);
  }

  /** The object's tags, read once; empty when the object or tag support is missing. */
  private static final class LazyTags implements AccessRequest.ExistingTags {
    private final ObjectStore store;
    private final String bucket;
    private final String key;
    private @Nullable Map<String, String> tags;

    LazyTags(ObjectStore store, String bucket, String key) {
      this.store = store;
      this.bucket = bucket;
      this.key = key;
    }

    @Override
    public synchronized Map<String, String> get() throws IOException {
      if (tags == null) {
        try {
          tags = Map.copyOf(store.objectTagging(ObjectRef.current(bucket, key)));
        } catch (StoreException e) {
          if (e.error() != StoreError.NO_SUCH_KEY && e.error() != StoreError.NOT_IMPLEMENTED) {
            throw e;
          }
          tags = Map.of();
        }
      }
      return tags;
    }
  }
}
