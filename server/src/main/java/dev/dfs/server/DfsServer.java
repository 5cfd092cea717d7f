package dev.dfs.server;

import dev.dfs.admin.AdminHandler;
import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.RequestAuthenticator;
import dev.dfs.authz.AccessControl;
import dev.dfs.lifecycle.LifecycleStats;
import dev.dfs.lifecycle.LifecycleWorker;
import dev.dfs.observe.Observability;
import dev.dfs.observe.StorageSample;
import dev.dfs.s3.S3Handler;
import dev.dfs.s3.S3HandlerFactory;
import dev.dfs.s3.S3Settings;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreUsage;
import dev.dfs.util.BuildInfo;
import dev.dfs.util.RequestIds;
import java.io.IOException;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running DFS endpoint: Jetty with request handling on virtual threads, the web console under
 * {@code /console/}, the management API under {@code /api/v1} and the S3 protocol everywhere else.
 * Owns the store it is given: on {@link #stop()} it lets in-flight requests finish (up to the grace
 * period), then closes the store. Also runs the {@link LifecycleWorker} that applies buckets'
 * lifecycle rules, started after Jetty and stopped before the store closes. Not thread-safe for
 * start/stop; serving is.
 */
public final class DfsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DfsServer.class);
  public static final String VERSION = BuildInfo.current().version();

  private final Server jetty;
  private final @Nullable ServerConnector connector;
  private final @Nullable ServerConnector tlsConnector;
  private final ObjectStore store;
  private final Observability observe;
  private final LifecycleWorker lifecycle;

  /** Moves INTELLIGENT_TIERING objects between access tiers; started and stopped with it. */
  private final dev.dfs.lifecycle.IntelligentTieringWorker intelligentTiering;

  private final @Nullable MasterKeyRotation rotation;
  private final ConnectionGuard guard;

  /** The cluster front, or null on a single-node engine. */
  private final @Nullable Handler front;

  /**
   * @param host address to bind
   * @param port port to bind, 0 for any free port
   * @param graceMillis how long stop() waits for in-flight requests
   * @param management CORS, metrics token, identities and config summary for /api/v1
   * @param metricsEnabled whether requests are recorded and /metrics served (DFS_METRICS)
   */
  public DfsServer(
      String host,
      int port,
      long graceMillis,
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      ManagementSettings management,
      boolean metricsEnabled) {
    this(
        Listeners.http(host, port),
        graceMillis,
        store,
        authenticator,
        settings,
        management,
        metricsEnabled);
  }

  /**
   * @param listeners plain HTTP and/or HTTPS
   * @param graceMillis how long stop() waits for in-flight requests
   * @param management CORS, metrics token, identities and config summary for /api/v1
   * @param metricsEnabled whether requests are recorded and /metrics served (DFS_METRICS)
   */
  public DfsServer(
      Listeners listeners,
      long graceMillis,
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      ManagementSettings management,
      boolean metricsEnabled) {
    this(
        listeners,
        graceMillis,
        store,
        authenticator,
        settings,
        management,
        metricsEnabled,
        standardAccessControl(store, management.identityStore()),
        ConnectionLimits.defaults());
  }

  /**
   * What the authorizer consults besides bucket policies and ownership: the users' identity
   * policies from {@code identities} (none when null), bucket and object ACLs, and the buckets'
   * Block Public Access settings.
   */
  public static AccessControl standardAccessControl(
      ObjectStore store, dev.dfs.identity.@Nullable IdentityStore identities) {
    dev.dfs.authz.GrantSource identityPolicies =
        identities == null
            ? null
            : new dev.dfs.policy.IdentityPolicies(
                user -> identities.user(user).map(dev.dfs.identity.User::policy));
    return new AccessControl(
        identityPolicies,
        java.util.List.of(new dev.dfs.authz.acl.AclGrantSource(store)),
        new dev.dfs.authz.acl.PublicAccessBlockCheck(store));
  }

  /**
   * @param listeners plain HTTP and/or HTTPS
   * @param graceMillis how long stop() waits for in-flight requests
   * @param management CORS, metrics token, identities and config summary for /api/v1
   * @param metricsEnabled whether requests are recorded and /metrics served (DFS_METRICS)
   * @param accessControl identity policies, extra grant sources and Block Public Access the S3
   *     authorizer consults besides bucket policies and ownership
   * @param limits connection limits and the header deadline (DFS_MAX_CONNECTIONS, …)
   */
  public DfsServer(
      Listeners listeners,
      long graceMillis,
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      ManagementSettings management,
      boolean metricsEnabled,
      AccessControl accessControl,
      ConnectionLimits limits) {
    this(
        listeners,
        graceMillis,
        store,
        authenticator,
        settings,
        management,
        metricsEnabled,
        accessControl,
        limits,
        null);
  }

  /**
   * The full constructor: as above, plus
   *
   * @param accessLog where each answered request is logged (DFS_ACCESS_LOG), or null for none; the
   *     caller closes it after {@link #stop()}
   */
  public DfsServer(
      Listeners listeners,
      long graceMillis,
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      ManagementSettings management,
      boolean metricsEnabled,
      AccessControl accessControl,
      ConnectionLimits limits,
      org.eclipse.jetty.server.@Nullable RequestLog accessLog) {
    this.store = store;
    this.observe =
        metricsEnabled
            ? Observability.create(store.engineName(), VERSION, () -> storageSample(store))
            : Observability.disabled(store.engineName(), VERSION);
    this.jetty = new Server(requestThreads());
    if (accessLog != null) jetty.setRequestLog(accessLog);

    HttpConfiguration http = httpConfiguration();
    this.connector = httpConnector(listeners, http);
    this.tlsConnector = tlsConnector(listeners, http);

    RequestIds requestIds = new RequestIds();
    this.guard = guardConnections(limits);
    jetty.setErrorHandler(new S3ErrorPages(requestIds));
    dev.dfs.kms.KeyService kms = keyService(settings, management);
    store.tiering().ifPresent(t -> t.connect(settings.masterKey()));
    this.rotation = rotation(store, settings, management, kms);
    S3Handler s3 =
        S3HandlerFactory.create(
            store, authenticator, settings, requestIds, observe.s3(), accessControl, kms);
    this.lifecycle =
        new LifecycleWorker(
            store,
            s3.lifecycleConfigs(),
            new dev.dfs.lifecycle.StoreVersionSweeper(store),
            settings.lifecycleDay(),
            settings.clock());
    this.intelligentTiering = intelligentTieringWorker(store, settings);
    watchWorkers();
    // The management API takes /api/v1/… and declines the rest; S3 answers everything else.
    AdminHandler admin = adminHandler(settings, authenticator, management, requestIds, kms);
    Handler api = new Handler.Sequence(admin, s3);
    // On a cluster node the front forwards writes to the leader and fences reads; the local
    // and gateway engines offer no cluster, so their request path stays exactly as it was.
    this.front =
        store
            .cluster()
            .map(
                view ->
                    ClusterFronts.install(
                        view, admin, requestIds, settings.clock(), this::servedCertificates, api))
            .orElse(null);
    jetty.setHandler(graceful(settings, requestIds, front == null ? api : front));
    jetty.setStopTimeout(graceMillis);
    jetty.setStopAtShutdown(false);
  }

  /** The plain-HTTP connector, or null when {@code listeners} has no HTTP port. */
  private @Nullable ServerConnector httpConnector(Listeners listeners, HttpConfiguration http) {
    return listeners.httpPort() < 0
        ? null
        : connector(
            new ServerConnector(jetty, new HttpConnectionFactory(http)),
            listeners.host(),
            listeners.httpPort());
  }

  /**
   * The leaf certificates the HTTPS listener serves now (after any renewal); none without TLS. A
   * cluster node trusts them on the leader it forwards writes to.
   */
  private java.util.List<java.security.cert.X509Certificate> servedCertificates() {
    if (tlsConnector == null) return java.util.List.of();
    java.security.KeyStore store =
        tlsConnector
            .getConnectionFactory(org.eclipse.jetty.server.SslConnectionFactory.class)
            .getSslContextFactory()
            .getKeyStore();
    java.util.List<java.security.cert.X509Certificate> out = new java.util.ArrayList<>();
    try {
      if (store == null) return out;
      for (String alias : java.util.Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)
            && store.getCertificate(alias) instanceof java.security.cert.X509Certificate c)
          out.add(c);
      }
    } catch (java.security.KeyStoreException e) {
      return out; // not loaded yet: nothing trusted by this rule
    }
    return out;
  }

  /** The HTTPS connector, or null when {@code listeners} has no TLS settings. */
  private @Nullable ServerConnector tlsConnector(Listeners listeners, HttpConfiguration http) {
    return listeners.tls() == null
        ? null
        : connector(
            TlsConnectors.https(jetty, http, listeners.tls()),
            listeners.host(),
            listeners.tlsPort());
  }

  /** The management API over this server's store, workers and figures. */
  private AdminHandler adminHandler(
      S3Settings settings,
      RequestAuthenticator authenticator,
      ManagementSettings management,
      RequestIds requestIds,
      dev.dfs.kms.@Nullable KeyService kms) {
    return new AdminHandler(
        VERSION,
        settings.clock(),
        settings.domain(),
        store,
        authenticator,
        observe,
        management,
        requestIds,
        lifecycle.stats(),
        kms,
        rotation);
  }

  /** The console, then {@code api}, behind load shedding, in a handler that drains on stop. */
  private GracefulHandler graceful(S3Settings settings, RequestIds requestIds, Handler api) {
    // The console takes /console/… and browsers opening /, and declines the rest. It comes
    // before the cluster front: its files are static, needing neither the leader nor a read
    // barrier, so every node serves them.
    Handler root =
        new Handler.Sequence(
            new dev.dfs.console.ConsoleHandler(settings.domain(), settings.region()), api);
    GracefulHandler graceful = new GracefulHandler();
    graceful.setHandler(new SheddingHandler(guard, requestIds, root));
    return graceful;
  }

  /** The worker moving INTELLIGENT_TIERING objects, reading configurations as S3 stores them. */
  private static dev.dfs.lifecycle.IntelligentTieringWorker intelligentTieringWorker(
      ObjectStore store, S3Settings settings) {
    return new dev.dfs.lifecycle.IntelligentTieringWorker(
        store,
        S3HandlerFactory.intelligentTiering(store),
        settings.lifecycleDay(),
        settings.clock());
  }

  /** Jetty's pool, which runs each request on a virtual thread of its own. */
  private static QueuedThreadPool requestThreads() {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("dfs-http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    return threads;
  }

  /** Jetty's HTTP settings for S3: raw request targets, exact header spelling, big headers. */
  private static HttpConfiguration httpConfiguration() {
    HttpConfiguration http = new HttpConfiguration();
    // Jetty's header cache matches values case-insensitively and would hand us its own
    // spelling (e.g. "charset=utf-8" for a signed "charset=UTF-8"), breaking SigV4.
    http.setHeaderCacheCaseSensitive(true);
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    // S3 keys may contain anything: encoded slashes, "..", "//", '%'. They are never paths
    // here (see S3Router), so Jetty must pass the raw request-target through untouched.
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setRequestHeaderSize(64 * 1024);
    http.setRelativeRedirectAllowed(true);
    return http;
  }

  /**
   * Hands readiness and metrics every background worker this server runs: the master-key rotation,
   * the lifecycle worker, the TLS reloader, the engine's own workers, and the cluster's figures on
   * a cluster node.
   */
  private void watchWorkers() {
    if (rotation != null) observe.watch(rotation.heartbeat());
    LifecycleMetrics.register(observe, lifecycle.stats());
    observe.watch(lifecycle.heartbeat());
    TlsReloader reloader = jetty.getBean(TlsReloader.class);
    if (reloader != null) observe.watch(reloader.heartbeat());
    store.workers().forEach(observe::watch);
    store.tiering().ifPresent(t -> TierMetrics.register(observe, t));
    store.cluster().ifPresent(view -> ClusterMetrics.register(observe, view));
  }

  /**
   * The key service SSE-KMS and {@code /api/v1/kms} use: its keys live in the identity store's
   * table (replicated with it in a cluster), their material sealed by the master key. Null when
   * either is missing (no encryption at rest, or no identity store): SSE-KMS is then refused.
   */
  private static dev.dfs.kms.@Nullable KeyService keyService(
      S3Settings settings, ManagementSettings management) {
    dev.dfs.crypto.MasterKey masterKey = settings.masterKey();
    if (masterKey == null || management.identityStore() == null) return null;
    return management
        .identityStore()
        .systemTable()
        .map(
            table ->
                new dev.dfs.kms.KeyService(table, masterKey, settings.region(), settings.clock()))
        .orElse(null);
  }

  /**
   * The master-key rotation: it seals the identity store's secrets and the engine's SSE-S3 data
   * keys again, so it needs both and a master key; null otherwise.
   */
  private static @Nullable MasterKeyRotation rotation(
      ObjectStore store,
      S3Settings settings,
      ManagementSettings management,
      dev.dfs.kms.@Nullable KeyService kms) {
    dev.dfs.crypto.MasterKey key = settings.masterKey();
    dev.dfs.identity.IdentityStore identities = management.identityStore();
    if (key == null || identities == null) return null;
    return identities
        .systemTable()
        .map(
            table ->
                new MasterKeyRotation(key, store, table, kms, 500, done -> false, settings.clock()))
        .orElse(null);
  }

  /**
   * Installs the connection limits on every connector: the {@link ConnectionGuard} (counting,
   * shedding, header deadline) and Jetty's {@link NetworkConnectionLimit}, which stops accepting at
   * {@link ConnectionLimits#hardLimit()} so the process never runs out of file descriptors, however
   * many clients connect.
   */
  private ConnectionGuard guardConnections(ConnectionLimits limits) {
    ConnectionGuard guard = new ConnectionGuard(limits);
    java.util.List<org.eclipse.jetty.server.Connector> connectors = new java.util.ArrayList<>();
    if (connector != null) connectors.add(connector);
    if (tlsConnector != null) connectors.add(tlsConnector);
    // as an event listener of each connector, the guard is added to each of its connections
    // (and managed by the connectors: started with the first, stopped with it)
    for (org.eclipse.jetty.server.Connector c : connectors) c.addEventListener(guard);
    jetty.addBean(
        new NetworkConnectionLimit(
            limits.hardLimit(), connectors.toArray(org.eclipse.jetty.server.Connector[]::new)));
    return guard;
  }

  /** The store's figures as the metrics layer sees them; UNKNOWN when the engine cannot tell. */
  private static StorageSample storageSample(ObjectStore store) {
    try {
      StoreUsage u = store.usage().orElse(null);
      if (u == null) return StorageSample.UNKNOWN;
      return new StorageSample(
          u.capacityBytes(),
          u.availableBytes(),
          u.buckets().size(),
          u.objects(),
          u.bytes(),
          u.engineStats());
    } catch (IOException e) {
      LOG.warn("reading storage usage failed: {}", e.toString());
      return StorageSample.UNKNOWN;
    }
  }

  /** Starts serving, then the lifecycle worker and an unfinished master-key rotation. */
  public void start() throws Exception {
    jetty.start();
    lifecycle.start();
    intelligentTiering.start();
    if (rotation != null) rotation.resumeIfUnfinished();
  }

  /** The master-key rotation, or null when this server has none. */
  public @Nullable MasterKeyRotation masterKeyRotation() {
    return rotation;
  }

  /** The Intelligent-Tiering worker (its counters; tests run passes). */
  public dev.dfs.lifecycle.IntelligentTieringWorker intelligentTiering() {
    return intelligentTiering;
  }

  /** The lifecycle worker's counters. */
  public LifecycleStats lifecycleStats() {
    return lifecycle.stats();
  }

  private ServerConnector connector(ServerConnector c, String host, int port) {
    c.setHost(host);
    c.setPort(port);
    c.setIdleTimeout(120_000);
    jetty.addConnector(c);
    return c;
  }

  /**
   * Requests this node forwarded to its cluster's leader since it started; 0 on a single-node
   * engine. (Reported beside the engine's {@code ClusterStatus.Counters}.)
   */
  public long forwardedRequests() {
    return front == null ? 0 : ClusterFronts.forwardedRequests(front);
  }

  /** Open network connections now (all listeners). */
  int openConnections() {
    return guard.openConnections();
  }

  /** The bound plain-HTTP port (useful with port 0), or -1 when plain HTTP is off. */
  public int port() {
    return connector == null ? -1 : connector.getLocalPort();
  }

  /** The bound HTTPS port, or -1 without TLS. */
  public int tlsPort() {
    return tlsConnector == null ? -1 : tlsConnector.getLocalPort();
  }

  /** Stops accepting, lets in-flight requests finish within the grace period, closes the store. */
  public void stop() throws Exception {
    try {
      lifecycle.stop(java.time.Duration.ofMillis(Math.max(1000, jetty.getStopTimeout())));
      intelligentTiering.close();
      jetty.stop();
    } finally {
      if (rotation != null) rotation.close();
      observe.close();
      try {
        store.close();
      } catch (IOException e) {
        LOG.error("closing the store failed", e);
      }
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
