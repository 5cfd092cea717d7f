package dev.dfs.s3;

import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.store.BucketQuota;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a {@link BucketContext}: the bucket's documents in one lookup ({@link
 * ObjectStore#bucketDocuments}: one cached map on the local and cluster engines; on the gateway,
 * which keeps only CORS and tagging upstream, no remote call unless CORS is asked for), plus the
 * lifecycle configuration from its cache. Thread-safe.
 */
final class BucketContexts {
  /** The documents every request's context holds. */
  private static final List<String> DOCUMENTS = names(false);

  /** The same and the CORS rules, for requests that carry an Origin. */
  private static final List<String> WITH_CORS = names(true);

  private final ObjectStore store;
  private final LifecycleConfigs lifecycle;

  BucketContexts(ObjectStore store, LifecycleConfigs lifecycle) {
    this.store = store;
    this.lifecycle = lifecycle;
  }

  /**
   * The context of {@code bucket}; with {@code cors} its CORS rules too. NO_SUCH_BUCKET when it
   * does not exist (on an engine that keeps bucket documents).
   */
  BucketContext load(String bucket, boolean cors) throws IOException {
    Map<String, String> d = store.bucketDocuments(bucket, cors ? WITH_CORS : DOCUMENTS);
    return new BucketContext(
        bucket,
        BucketOwner.of(d),
        AclDocuments.ownership(d),
        AclDocuments.publicAccessBlock(d),
        Optional.ofNullable(d.get(AclDocuments.BUCKET_ACL)),
        xml(d, ObjectLockRules.DOCUMENT).map(ObjectLockXml::parseConfig),
        store.supportsEncryption()
            ? xml(d, ObjectEncryption.BUCKET_DOCUMENT).map(EncryptionConfig::parse)
            : Optional.empty(),
        Optional.ofNullable(d.get(BucketQuota.CONFIG)).map(BucketQuota::parse),
        lifecycle.cached(bucket),
        xml(d, CorsHandlers.DOCUMENT).map(CorsConfig::parse));
  }

  private static Optional<byte[]> xml(Map<String, String> documents, String name) {
    return Optional.ofNullable(documents.get(name)).map(d -> d.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> names(boolean cors) {
    List<String> names = new ArrayList<>(AclDocuments.ACCESS_DOCUMENTS);
    names.addAll(
        List.of(ObjectLockRules.DOCUMENT, ObjectEncryption.BUCKET_DOCUMENT, BucketQuota.CONFIG));
    if (cors) names.add(CorsHandlers.DOCUMENT);
    return List.copyOf(names);
  }
}
