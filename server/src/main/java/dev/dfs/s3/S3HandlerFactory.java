package dev.dfs.s3;

import dev.dfs.auth.RequestAuthenticator;
import dev.dfs.authz.AccessControl;
import dev.dfs.authz.Authorizer;
import dev.dfs.lifecycle.LifecycleEvaluator;
import dev.dfs.observe.S3Metrics;
import dev.dfs.policy.BucketPolicies;
import dev.dfs.store.ObjectStore;
import dev.dfs.util.RequestIds;
import org.jspecify.annotations.Nullable;

/** Wires the S3 endpoint: the authorizer, every resource handler and the metrics. */
public final class S3HandlerFactory {
  private S3HandlerFactory() {}

  /**
   * @param metrics where each request is recorded, or null to record nothing
   * @param accessControl identity policies, extra grant sources and Block Public Access the
   *     authorizer consults besides the bucket policies and ownership
   */
  public static S3Handler create(
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      RequestIds requestIds,
      @Nullable S3Metrics metrics,
      AccessControl accessControl,
      dev.dfs.kms.@Nullable KeyService kms) {
    Authorizer authorizer =
        accessControl.authorizer(store, authenticator.openAccess(), new BucketPolicies(store));
    LifecycleConfigs lifecycleConfigs = new LifecycleConfigs(store);
    return new S3Handler(
        new S3Router(settings.domain()),
        authenticator,
        authorizer,
        store,
        handlers(store, authenticator, settings, authorizer, lifecycleConfigs, kms),
        lifecycleConfigs,
        new BucketContexts(store, lifecycleConfigs),
        requestIds,
        metrics == null ? EndpointMetrics.NONE : EndpointMetrics.of(metrics),
        settings.clock());
  }

  /** Where the Intelligent-Tiering worker reads buckets' configurations (as S3 stores them). */
  public static dev.dfs.lifecycle.IntelligentTieringSource intelligentTiering(ObjectStore store) {
    return new IntelligentTieringHandlers(store);
  }

  static ResourceHandlers handlers(
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      Authorizer authorizer,
      LifecycleConfigs lifecycleConfigs) {
    return handlers(store, authenticator, settings, authorizer, lifecycleConfigs, null);
  }

  /**
   * @param kms the key service SSE-KMS uses, or null (SSE-KMS is then NotImplemented)
   */
  static ResourceHandlers handlers(
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      Authorizer authorizer,
      LifecycleConfigs lifecycleConfigs,
      dev.dfs.kms.@Nullable KeyService kms) {
    BucketContexts contexts = new BucketContexts(store, lifecycleConfigs);
    AclRules aclRules = new AclRules(contexts, authenticator::hasUser);
    LifecycleHandlers lifecycle =
        new LifecycleHandlers(new LifecycleEvaluator(settings.lifecycleDay()));
    ObjectEncryption encryption = new ObjectEncryption(store, settings.masterKey(), kms);
    ObjectWriteHandlers.DeleteCheck mayDelete =
        (ex, key) ->
            authorizer.unrestricted(ex.principal())
                || authorizer.allowed(
                    AccessRequests.of(
                        ex,
                        ex.principal(),
                        S3Operation.DELETE_OBJECT.action(),
                        ex.bucket(),
                        key,
                        store));
    BucketQuotas quotas = new BucketQuotas(store);
    DefaultStorageClass defaultClass = new DefaultStorageClass(store);
    return new ResourceHandlers(
        new BucketHandlers(store, settings, authorizer, lifecycleConfigs, aclRules),
        new ListingHandlers(store),
        new ObjectReadHandlers(store, lifecycle, encryption),
        new ObjectWriteHandlers(
            store, aclRules, lifecycle, mayDelete, encryption, quotas, defaultClass),
        new MultipartHandlers(store, aclRules, lifecycle, encryption, quotas, defaultClass),
        new TaggingHandlers(store),
        new VersioningHandlers(store),
        new ObjectLockHandlers(store),
        new CorsHandlers(),
        new AclHandlers(store, aclRules),
        new PolicyHandlers(store, authorizer.bucketPolicies()),
        new PostObjectHandler(
            store,
            authenticator,
            authorizer,
            settings.clock(),
            aclRules,
            encryption,
            quotas,
            defaultClass),
        new BucketConfigHandler<>(store, new TaggingHandlers.BucketTagging()),
        new BucketConfigHandler<>(store, new CorsHandlers.Configuration()),
        new BucketConfigHandler<>(store, new EncryptionHandlers()),
        new BucketConfigHandler<>(store, new LifecycleHandlers.Configuration(lifecycleConfigs)),
        new BucketConfigHandler<>(store, new OwnershipControlsHandlers()),
        new BucketConfigHandler<>(store, new PublicAccessBlockHandlers()),
        new ObjectAttributesHandlers(store, encryption),
        new RestoreHandlers(store, settings.lifecycleDay(), settings.clock()),
        new IntelligentTieringHandlers(store));
  }
}
