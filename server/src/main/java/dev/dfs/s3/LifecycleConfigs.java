package dev.dfs.s3;

import dev.dfs.lifecycle.LifecycleConfigSource;
import dev.dfs.lifecycle.LifecycleConfiguration;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets' lifecycle configurations, stored as the canonical {@code LifecycleConfiguration}
 * document under the name {@value #DOCUMENT}. {@link #configuration} reads the store (the worker's
 * authoritative view); {@link #cached} serves the per-request {@code x-amz-expiration} header from
 * an in-memory map, so a GET costs one map lookup — and one store lookup per bucket every {@link
 * #TTL_NANOS} at most. Writes through this server {@link #invalidate} the entry at once (a
 * generation counter keeps a slow concurrent load from putting a stale entry back); the TTL bounds
 * staleness for changes made elsewhere (another node, the management API). Thread-safe.
 */
public final class LifecycleConfigs implements LifecycleConfigSource {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleConfigs.class);

  static final String DOCUMENT = "lifecycle";
  static final long TTL_NANOS = 5_000_000_000L;

  private record Entry(Optional<LifecycleConfiguration> config, long loadedAt) {}

  private final ObjectStore store;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  public LifecycleConfigs(ObjectStore store) {
    this.store = store;
  }

  /** Whether the engine can move objects to other storage classes (lifecycle transitions). */
  boolean tiers() {
    return store.tiering().isPresent();
  }

  /**
   * Reads and parses the stored document now. NO_SUCH_BUCKET; NOT_IMPLEMENTED (as {@link
   * LifecycleConfigSource} says) when the engine keeps no lifecycle documents (gateway).
   */
  @Override
  public Optional<LifecycleConfiguration> configuration(String bucket) throws IOException {
    BucketConfig documents =
        store
            .bucketConfig(DOCUMENT)
            .orElseThrow(
                () ->
                    new StoreException(
                        StoreError.NOT_IMPLEMENTED,
                        "The "
                            + store.engineName()
                            + " engine keeps no bucket configuration '"
                            + DOCUMENT
                            + "'."));
    return documents
        .get(bucket)
        .map(doc -> LifecycleXml.parseStored(doc.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The configuration as recently seen, for response headers: empty when there is none, and also
   * when it cannot be read (engine without bucket configuration, bucket gone, a store failure),
   * since a header is never worth failing a request for.
   */
  Optional<LifecycleConfiguration> cached(String bucket) {
    long now = System.nanoTime();
    Entry e = cache.get(bucket);
    if (e != null && now - e.loadedAt() < TTL_NANOS) return e.config();
    long g = generation.get();
    Optional<LifecycleConfiguration> config;
    try {
      config = configuration(bucket);
    } catch (StoreException | S3Exception | IOException ex) {
      if (!(ex instanceof StoreException)) {
        LOG.warn(
            "the lifecycle configuration of bucket {} cannot be read: {}", bucket, ex.toString());
      }
      config = Optional.empty();
    }
    Entry fresh = new Entry(config, now);
    cache.put(bucket, fresh);
    if (generation.get() != g) cache.remove(bucket, fresh);
    return config;
  }

  /** Forgets what is cached for {@code bucket} (its configuration changed or it was deleted). */
  void invalidate(String bucket) {
    generation.incrementAndGet();
    cache.remove(bucket);
  }
}
