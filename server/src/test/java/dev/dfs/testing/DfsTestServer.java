package dev.dfs.testing;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.Credential;
import dev.dfs.auth.CredentialStore;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.crypto.MasterKey;
import dev.dfs.identity.IdentityCredentialStore;
import dev.dfs.identity.IdentityStore;
import dev.dfs.identity.IdentityStores;
import dev.dfs.s3.S3Settings;
import dev.dfs.server.DfsServer;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.local.LocalStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real DFS server for in-process behaviour tests: {@link DfsServer} on 127.0.0.1 with a free
 * port, the local engine in the given directory, SigV4 authentication with fixed root credentials
 * and an identity store ({@code <dataDir>/identity}, or a temporary directory for other engines)
 * that the management API manages. Hands out AWS SDK v2 clients (path style, default checksum
 * behaviour) and closes them with the server.
 */
public final class DfsTestServer implements AutoCloseable {
  /** The master key every test server seals SSE-S3 data keys with (random per JVM). */
  public static final dev.dfs.crypto.MasterKey TEST_MASTER_KEY =
      dev.dfs.crypto.MasterKey.of(dev.dfs.crypto.DataKey.random().raw());

  public static final String ACCESS_KEY = "DFSTESTACCESSKEY";
  public static final String SECRET_KEY = "dfs-test-secret-key-0123456789";
  public static final String API_KEY = "dfs-test-api-key";

  private final DfsServer server;
  private final ObjectStore store;
  private final IdentityStore identities;
  private final Path tempIdentityDir;
  private final List<AutoCloseable> clients = new ArrayList<>();

  private DfsTestServer(
      DfsServer server, ObjectStore store, IdentityStore identities, Path tempIdentityDir) {
    this.server = server;
    this.store = store;
    this.identities = identities;
    this.tempIdentityDir = tempIdentityDir;
  }

  /** Starts a server with authentication required, on the local engine in {@code dataDir}. */
  public static DfsTestServer start(Path dataDir) throws Exception {
    return start(dataDir, false, null);
  }

  /**
   * @param allowAnonymous whether unsigned requests are allowed (DFS_AUTH=none)
   * @param domain DFS_DOMAIN for virtual-host style, or null
   */
  public static DfsTestServer start(Path dataDir, boolean allowAnonymous, String domain)
      throws Exception {
    return start(
        LocalStore.open(dataDir),
        dataDir,
        false,
        allowAnonymous,
        domain,
        ManagementSettings.defaults(),
        true,
        dev.dfs.lifecycle.LifecycleDay.STANDARD);
  }

  /**
   * Starts a server (authentication required) whose lifecycle day lasts {@code day}, so that
   * lifecycle rules act within seconds; the lifecycle worker runs as in production.
   */
  public static DfsTestServer start(Path dataDir, dev.dfs.lifecycle.LifecycleDay day)
      throws Exception {
    return start(
        LocalStore.open(dataDir),
        dataDir,
        false,
        false,
        null,
        ManagementSettings.defaults(),
        true,
        day);
  }

  /** The lifecycle worker's counters. */
  public dev.dfs.lifecycle.IntelligentTieringWorker intelligentTiering() {
    return server.intelligentTiering();
  }

  public dev.dfs.lifecycle.LifecycleStats lifecycleStats() {
    return server.lifecycleStats();
  }

  /** Root's identity as the management API shows it in tests. */
  public static ManagementSettings.Identity rootIdentity() {
    return new ManagementSettings.Identity(
        "root", ACCESS_KEY, ManagementSettings.lastFour(API_KEY), true);
  }

  /**
   * @param management CORS, metrics token, identities for /api/v1
   * @param metricsEnabled DFS_METRICS
   */
  public static DfsTestServer start(
      Path dataDir,
      boolean allowAnonymous,
      String domain,
      ManagementSettings management,
      boolean metricsEnabled)
      throws Exception {
    return start(
        LocalStore.open(dataDir),
        dataDir,
        false,
        allowAnonymous,
        domain,
        management,
        metricsEnabled,
        dev.dfs.lifecycle.LifecycleDay.STANDARD);
  }

  /**
   * Starts a server on any engine (the server closes it when stopped), authentication required,
   * path style only.
   */
  public static DfsTestServer start(ObjectStore store) throws Exception {
    return start(store, false, null, ManagementSettings.defaults(), true);
  }

  /**
   * Starts a server on any engine as {@link #start(ObjectStore)} does, whose lifecycle day lasts
   * {@code day}, so lifecycle rules act within seconds.
   */
  public static DfsTestServer start(ObjectStore store, dev.dfs.lifecycle.LifecycleDay day)
      throws Exception {
    return start(
        store,
        Files.createTempDirectory("dfs-identity"),
        true,
        false,
        null,
        ManagementSettings.defaults(),
        true,
        day);
  }

  /** Starts a server on any engine; see {@link #start(Path, boolean, String)}. */
  public static DfsTestServer start(
      ObjectStore store,
      boolean allowAnonymous,
      String domain,
      ManagementSettings management,
      boolean metricsEnabled)
      throws Exception {
    return start(
        store,
        Files.createTempDirectory("dfs-identity"),
        true,
        allowAnonymous,
        domain,
        management,
        metricsEnabled,
        dev.dfs.lifecycle.LifecycleDay.STANDARD);
  }

  /**
   * Starts a server as {@link #start(Path)} does (identity store in the data dir, so users added to
   * {@link #identities()} sign and can be granted to) whose new buckets get {@code ownership}
   * (DFS_DEFAULT_OBJECT_OWNERSHIP).
   */
  public static DfsTestServer start(Path dataDir, dev.dfs.authz.acl.ObjectOwnership ownership)
      throws Exception {
    return start(
        LocalStore.open(dataDir),
        dataDir,
        false,
        false,
        null,
        ManagementSettings.defaults(),
        true,
        dev.dfs.lifecycle.LifecycleDay.STANDARD,
        ownership);
  }

  private static DfsTestServer start(
      ObjectStore store,
      Path identityDataDir,
      boolean temporary,
      boolean allowAnonymous,
      String domain,
      ManagementSettings management,
      boolean metricsEnabled,
      dev.dfs.lifecycle.LifecycleDay day)
      throws Exception {
    return start(
        store,
        identityDataDir,
        temporary,
        allowAnonymous,
        domain,
        management,
        metricsEnabled,
        day,
        null);
  }

  /**
   * @param temporary whether {@code identityDataDir} is deleted when the server closes
   * @param ownership the Object Ownership of new buckets, null for the default
   */
  private static DfsTestServer start(
      ObjectStore store,
      Path identityDataDir,
      boolean temporary,
      boolean allowAnonymous,
      String domain,
      ManagementSettings management,
      boolean metricsEnabled,
      dev.dfs.lifecycle.LifecycleDay day,
      dev.dfs.authz.acl.ObjectOwnership ownership)
      throws Exception {
    return start(
        store,
        identityDataDir,
        temporary,
        allowAnonymous,
        domain,
        management,
        metricsEnabled,
        day,
        ownership,
        MasterKey.resolve(null, identityDataDir),
        TEST_MASTER_KEY);
  }

  /**
   * Starts a server on {@code dataDir} whose one master key is the data directory's key file,
   * sealing users' secrets, KMS key material and SSE-S3 data keys alike (as the real server), so it
   * can be rotated through {@code /api/v1/kms/master-key/rotate}.
   */
  public static DfsTestServer startWithKeyFile(Path dataDir) throws Exception {
    MasterKey key = MasterKey.resolve(null, dataDir);
    return start(
        LocalStore.open(dataDir),
        dataDir,
        false,
        false,
        null,
        ManagementSettings.defaults(),
        true,
        dev.dfs.lifecycle.LifecycleDay.STANDARD,
        null,
        key,
        key);
  }

  /** The master-key rotation of this server, or null. */
  public dev.dfs.server.MasterKeyRotation masterKeyRotation() {
    return server.masterKeyRotation();
  }

  private static DfsTestServer start(
      ObjectStore store,
      Path identityDataDir,
      boolean temporary,
      boolean allowAnonymous,
      String domain,
      ManagementSettings management,
      boolean metricsEnabled,
      dev.dfs.lifecycle.LifecycleDay day,
      dev.dfs.authz.acl.ObjectOwnership ownership,
      MasterKey identityKey,
      MasterKey s3Key)
      throws Exception {
    if (management.identities().isEmpty()) { // as the real server: root is shown
      management =
          new ManagementSettings(
              management.corsOrigins(),
              management.metricsToken(),
              management.configSummary(),
              List.of(rootIdentity()),
              management.adminUsers());
    }
    IdentityStore identities = IdentityStores.open(identityDataDir, identityKey);
    IdentityCredentialStore credentials =
        new IdentityCredentialStore(
            new Credential("root", ACCESS_KEY, SECRET_KEY), API_KEY, identities);
    ManagementSettings wired = management.withIdentityStore(identities);
    if (wired.backup() == null && store instanceof LocalStore local) {
      wired = wired.withBackup(local::backup); // as the real server: GET /api/v1/backup works
    }
    DfsServer server =
        new DfsServer(
            "127.0.0.1",
            0,
            5_000,
            store,
            new SigV4Authenticator(credentials, Clock.systemUTC(), allowAnonymous),
            new S3Settings("us-east-1", domain, day, s3Key, ownership),
            wired,
            metricsEnabled);
    try {
      server.start();
    } catch (Exception e) {
      identities.close();
      throw e;
    }
    return new DfsTestServer(server, store, identities, temporary ? identityDataDir : null);
  }

  /** The users and keys behind the server's credentials and the management API. */
  public IdentityStore identities() {
    return identities;
  }

  /** A sync client signing with another access key pair. */
  public S3Client client(String accessKey, String secretKey) {
    return client(
        b ->
            b.credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKey, secretKey))));
  }

  /**
   * Starts a server on the local engine in {@code dataDir}, authentication required, with the given
   * credentials (several users, each its own account; user id {@code root} is the admin) instead of
   * the identity store's.
   */
  public static DfsTestServer start(Path dataDir, CredentialStore credentials) throws Exception {
    ObjectStore store = LocalStore.open(dataDir);
    Path identityDir = Files.createTempDirectory("dfs-identity");
    IdentityStore identities =
        IdentityStores.open(identityDir, MasterKey.resolve(null, identityDir));
    DfsServer server =
        new DfsServer(
            "127.0.0.1",
            0,
            5_000,
            store,
            new SigV4Authenticator(credentials, Clock.systemUTC(), false),
            new S3Settings("us-east-1", null).withMasterKey(TEST_MASTER_KEY),
            ManagementSettings.defaults().withIdentityStore(identities),
            true);
    server.start();
    return new DfsTestServer(server, store, identities, identityDir);
  }

  public int port() {
    return server.port();
  }

  /** Requests the server's cluster front forwarded to the leader (0 on a single node). */
  public long forwardedRequests() {
    return server.forwardedRequests();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The local engine behind the server, for white-box checks. */
  public LocalStore store() {
    return (LocalStore) store;
  }

  /** The engine behind the server, whichever it is. */
  public ObjectStore engine() {
    return store;
  }

  /** A sync client with SDK defaults (checksums on), path style. */
  public S3Client client() {
    return client(b -> {});
  }

  /** A sync client with extra builder settings applied last. */
  public synchronized S3Client client(Consumer<S3ClientBuilder> customize) {
    S3ClientBuilder builder =
        S3Client.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClientBuilder(Apache5HttpClient.builder().maxConnections(64));
    customize.accept(builder);
    S3Client client = builder.build();
    clients.add(client);
    return client;
  }

  /** An async (Netty) client with SDK defaults, path style. */
  public synchronized S3AsyncClient asyncClient() {
    S3AsyncClient client =
        S3AsyncClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
            .build();
    clients.add(client);
    return client;
  }

  @Override
  public synchronized void close() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
    clients.clear();
    try {
      server.stop();
    } finally {
      identities.close();
      if (tempIdentityDir != null) deleteTree(tempIdentityDir);
    }
  }

  /** Deletes {@code dir} and everything under it; a missing directory is fine. */
  public static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
