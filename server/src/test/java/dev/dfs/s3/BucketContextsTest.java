package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.CannedAcl;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.authz.acl.PublicAccessBlock;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.BucketQuota;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.LocalStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BucketContexts}: a request's bucket configuration comes from one lookup of the store,
 * decoded into the {@link BucketContext} every reader on the request path uses.
 */
class BucketContextsTest {
  @TempDir Path dir;
  LocalStore local;

  /** Calls per method name made on the store the loader sees. */
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @BeforeEach
  void open() throws Exception {
    local = LocalStore.open(dir);
    local.createBucket("b", "us-east-1");
  }

  @AfterEach
  void close() throws Exception {
    local.close();
  }

  private void put(String name, String document) throws Exception {
    local.bucketConfig(name).orElseThrow().put("b", document);
  }

  private int calls(String method) {
    return calls.getOrDefault(method, new AtomicInteger()).get();
  }

  /** {@code target} seen through a proxy that counts every call by method name. */
  private ObjectStore counting(ObjectStore target) {
    InvocationHandler h =
        (proxy, method, args) -> {
          calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (ObjectStore)
        Proxy.newProxyInstance(
            ObjectStore.class.getClassLoader(), new Class<?>[] {ObjectStore.class}, h);
  }

  private BucketContexts contexts(ObjectStore store) {
    return new BucketContexts(store, new LifecycleConfigs(store));
  }

  @Test
  void everyDocumentTheRequestPathReadsComesFromOneLookup() throws Exception {
    put(BucketOwner.CONFIG_NAME, "alice");
    put(AclDocuments.OWNERSHIP, ObjectOwnership.OBJECT_WRITER.wireName());
    put(AclDocuments.PUBLIC_ACCESS_BLOCK, new PublicAccessBlock(true, false, true, false).encode());
    put(AclDocuments.BUCKET_ACL, CannedAcl.PUBLIC_READ.toAcl("alice", "alice").encode());
    put(
        ObjectLockRules.DOCUMENT,
        new String(
            ObjectLockXml.render(ObjectLockXml.Config.ENABLED_ONLY).toBytes(),
            StandardCharsets.UTF_8));
    put(
        ObjectEncryption.BUCKET_DOCUMENT,
        "<ServerSideEncryptionConfiguration><Rule>"
            + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
            + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>");
    put(BucketQuota.CONFIG, new BucketQuota(BucketQuota.NONE, 5).document());

    BucketContext c = contexts(counting(local)).load("b", false);

    assertThat(c.name()).isEqualTo("b");
    assertThat(c.owner()).isEqualTo("alice");
    assertThat(c.ownership()).isEqualTo(ObjectOwnership.OBJECT_WRITER);
    assertThat(c.publicAccessBlock()).isEqualTo(new PublicAccessBlock(true, false, true, false));
    assertThat(c.bucketAcl().isPublic()).isTrue();
    assertThat(c.objectLockEnabled()).isTrue();
    assertThat(c.defaultEncryption()).map(EncryptionConfig::algorithm).contains("AES256");
    assertThat(c.quota()).contains(new BucketQuota(BucketQuota.NONE, 5));
    assertThat(c.cors()).isEmpty();
    assertThat(c.access().owner()).isEqualTo("alice");
    assertThat(c.access().aclsEnabled()).isTrue();
    assertThat(c.access().restrictPublicBuckets()).isFalse();
    // the documents: one call; the lifecycle (its own cache) is the only other read
    assertThat(calls("bucketDocuments")).isEqualTo(1);
    assertThat(calls("bucketConfig")).isEqualTo(1);
  }

  @Test
  void aBucketWithoutDocumentsBehavesAsTheDefaults() throws Exception {
    BucketContext c = contexts(local).load("b", true);
    assertThat(c.owner()).isEqualTo(BucketOwner.ROOT);
    assertThat(c.ownership()).isEqualTo(ObjectOwnership.DEFAULT);
    assertThat(c.publicAccessBlock()).isEqualTo(PublicAccessBlock.NONE);
    assertThat(c.bucketAcl().isPublic()).isFalse();
    assertThat(c.objectLockEnabled()).isFalse();
    assertThat(c.defaultEncryption()).isEmpty();
    assertThat(c.quota()).isEmpty();
    assertThat(c.lifecycle()).isEmpty();
    assertThat(c.cors()).isEmpty();
  }

  @Test
  void corsRulesAreReadOnlyWhenAsked() throws Exception {
    put(
        CorsHandlers.DOCUMENT,
        "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>"
            + "<AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>");
    assertThat(contexts(local).load("b", false).cors()).isEmpty();
    assertThat(contexts(local).load("b", true).cors()).isPresent();
  }

  @Test
  void aMissingBucketIsNoSuchBucket() {
    assertThatThrownBy(() -> contexts(local).load("nope", false))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NO_SUCH_BUCKET));
  }

  /**
   * An engine that keeps only CORS documents, each read a remote call (as the gateway keeps them
   * upstream): a context costs no call, or one when the request asks for CORS.
   */
  @Test
  void anEngineKeepingOnlyCorsIsAskedOnlyForCors() throws Exception {
    AtomicInteger remoteReads = new AtomicInteger();
    BucketConfig cors =
        BucketConfig.of(
            bucket -> {
              remoteReads.incrementAndGet();
              return Optional.empty();
            },
            (bucket, document) -> {});
    ObjectStore corsOnly =
        (ObjectStore)
            Proxy.newProxyInstance(
                ObjectStore.class.getClassLoader(),
                new Class<?>[] {ObjectStore.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "bucketConfig" ->
                          CorsHandlers.DOCUMENT.equals(args[0])
                              ? Optional.of(cors)
                              : Optional.empty();
                      case "supportsEncryption" -> false;
                      case "engineName" -> "cors-only";
                      default ->
                          method.isDefault()
                              ? InvocationHandler.invokeDefault(proxy, method, args)
                              : null;
                    });
    BucketContexts contexts = contexts(corsOnly);
    assertThat(contexts.load("b", false).owner()).isEqualTo(BucketOwner.ROOT);
    assertThat(remoteReads).hasValue(0);
    contexts.load("b", true);
    assertThat(remoteReads).hasValue(1);
  }
}
