package dev.dfs.policy;

import dev.dfs.authz.AccessRequest;
import dev.dfs.authz.BucketPolicySource;
import dev.dfs.authz.Decision;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bucket policies of a store, as the authorizer consults them: each bucket's document {@value
 * #DOCUMENT} is read once, parsed and cached until {@link #invalidate} (called by
 * Put/DeleteBucketPolicy and DeleteBucket). An engine without bucket configuration has no policies.
 * A stored document that no longer parses denies everyone but the owner (fail closed). Thread-safe.
 */
public final class BucketPolicies implements BucketPolicySource {
  /** Name of the bucket configuration document holding the policy JSON as given. */
  public static final String DOCUMENT = "policy";

  private static final int MAX_CACHED = 10_000;

  /** A cached lookup: the policy, none, or a stored document that did not parse. */
  private record Entry(Optional<Policy> policy, boolean broken) {}

  private final ObjectStore store;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  /** Bumped by every invalidation; a load that overlapped one is not cached. */
  private final AtomicLong epoch = new AtomicLong();

  public BucketPolicies(ObjectStore store) {
    this.store = store;
  }

  @Override
  public Decision decide(AccessRequest request) throws IOException {
    if (request.bucket() == null) return Decision.NONE;
    Entry e = entry(request.bucket());
    if (e.broken()) return Decision.DENY;
    return e.policy().isEmpty()
        ? Decision.NONE
        : PolicyEvaluator.evaluate(e.policy().get(), request);
  }

  @Override
  public boolean isPublic(String bucket) throws IOException {
    return entry(bucket).policy().map(PolicyStatus::isPublic).orElse(false);
  }

  @Override
  public void invalidate(String bucket) {
    epoch.incrementAndGet();
    cache.remove(bucket);
  }

  private Entry entry(String bucket) throws IOException {
    Entry cached = cache.get(bucket);
    if (cached != null) return cached;
    long before = epoch.get();
    Entry loaded = load(bucket);
    if (epoch.get() == before) {
      if (cache.size() >= MAX_CACHED) cache.clear();
      cache.put(bucket, loaded);
    }
    return loaded;
  }

  private Entry load(String bucket) throws IOException {
    Optional<String> doc = dev.dfs.store.BucketConfig.find(store, bucket, DOCUMENT);
    if (doc.isEmpty()) return new Entry(Optional.empty(), false);
    try {
      return new Entry(Optional.of(PolicyParser.parseBucketPolicy(doc.get(), bucket)), false);
    } catch (MalformedPolicyException e) {
      return new Entry(Optional.empty(), true);
    }
  }
}
