package dev.dfs.cli;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.Credential;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.crypto.MasterKey;
import dev.dfs.identity.IdentityCredentialStore;
import dev.dfs.identity.IdentityStore;
import dev.dfs.identity.IdentityStoreLockedException;
import dev.dfs.identity.IdentityStores;
import dev.dfs.s3.DefaultBuckets;
import dev.dfs.s3.S3Settings;
import dev.dfs.server.DfsServer;
import dev.dfs.server.Listeners;
import dev.dfs.server.RootCredentials;
import dev.dfs.server.TlsMaterial;
import dev.dfs.server.config.ConfigException;
import dev.dfs.server.config.ConfigKeys;
import dev.dfs.server.config.ConfigSources;
import dev.dfs.server.config.DfsConfig;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.gateway.GatewayOptions;
import dev.dfs.store.gateway.GatewayStore;
import dev.dfs.store.local.LocalStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dfs server}: runs the S3 endpoint until SIGTERM/SIGINT. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the S3 endpoint (port 5555): the local engine, a gateway",
      "(STORAGE_ENV=aws) or a cluster node (STORAGE_ENV=cluster). The local engine",
      "keeps data in DFS_DATA_DIR; the gateway fronts AWS S3 or any S3 endpoint",
      "(AWS_ENDPOINT_URL).",
      "Settings: flags > environment > .env in the working directory > defaults.",
      "Every setting also has an environment name (older names keep working)."
    })
public final class ServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

  /** This command's model: its options are generated from the settings (SettingOptions). */
  @Spec CommandSpec spec;

  /** Tells the cluster node where its S3 listener is, once bound (nothing on other engines). */
  private java.util.function.Consumer<java.net.URI> advertise = endpoint -> {};

  /**
   * DFS_ACCESS_LOG, opened at start (null: none); every line is flushed, the JVM's exit closes it.
   */
  private dev.dfs.observe.@Nullable AccessLog accessLog;

  /** The cluster node's replicated identity table, once the node started (cluster only). */
  private dev.dfs.util.@Nullable SystemTable identityTable;

  /** What this server stamps times with; the system clock unless the test hook offsets it. */
  private Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    try {
      DfsConfig config = config();
      clock = clock();
      Path data = config.dataDir().toAbsolutePath().normalize();
      Files.createDirectories(data);
      accessLog = openAccessLog(config);
      RootCredentials root =
          RootCredentials.resolve(data, config.rootAccessKey(), config.rootSecretKey());
      if (config.storageEnv() == ConfigKeys.StorageEnv.CLUSTER) {
        String secret = config.cluster().secret();
        if (secret == null) {
          // the root key is derived from the secret before the cluster engine checks its settings
          throw new StartupFailure(
              2,
              "Invalid value for DFS_CLUSTER_SECRET: none given (expected at least 16 characters,"
                  + " the same on every node)");
        }
        root = root.sharedByCluster(data, secret);
      }
      if (config.auth() == ConfigKeys.AuthMode.NONE) {
        LOG.warn(
            "!!! DFS_AUTH=none: ANONYMOUS REQUESTS ARE ALLOWED. Anyone who can reach port {}"
                + " can read, write and delete every object. !!!",
            config.port());
      }
      MasterKey masterKey = masterKey(config, data);
      DfsServer server;
      IdentityStore identities;
      if (config.storageEnv() == ConfigKeys.StorageEnv.CLUSTER) {
        // a cluster's users and keys live in its replicated metadata: the node comes first
        ObjectStore store = store(config, data);
        try {
          identities = clusterIdentities(masterKey);
        } catch (StartupFailure e) {
          store.close();
          throw e;
        }
        server = startOrClose(config, root, masterKey, identities, store);
      } else {
        identities = identities(data, masterKey, clock);
        server = startOrClose(config, root, masterKey, identities, store(config, data, identities));
      }
      CountDownLatch stopped = stopOnShutdown(server, identities);
      printBanner(System.out, config, data, root, server.port(), server.tlsPort());
      stopped.await();
      return 0;
    } catch (StartupFailure e) {
      System.err.println("dfs server: " + e.getMessage());
      return e.exitCode;
    }
  }

  /** Why the server could not start, and the exit code that says so (2: configuration). */
  private static final class StartupFailure extends Exception {
    final int exitCode;

    StartupFailure(int exitCode, @Nullable String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }

  private DfsConfig config() throws StartupFailure {
    try {
      DfsConfig config =
          DfsConfig.from(
              new ConfigSources(
                  SettingOptions.given(spec),
                  System.getenv(),
                  ConfigSources.readDotEnv(Path.of(".env"))));
      DefaultBuckets.validate(config.defaultBuckets());
      return config;
    } catch (ConfigException e) {
      throw new StartupFailure(2, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new StartupFailure(2, "Invalid value for DFS_DEFAULT_BUCKETS: " + e.getMessage());
    }
  }

  /** The system clock, or the test hook's offset one (logged loudly: never for production). */
  private static Clock clock() throws StartupFailure {
    try {
      long offset = dev.dfs.util.NodeClock.offsetMillis(System.getenv());
      if (offset != 0) {
        LOG.warn(
            "{} is set: this server's clock runs {} ms {} the system's (a test hook)",
            dev.dfs.util.NodeClock.OFFSET_ENV,
            Math.abs(offset),
            offset < 0 ? "behind" : "ahead of");
      }
      return dev.dfs.util.NodeClock.offset(offset);
    } catch (IllegalArgumentException e) {
      throw new StartupFailure(2, e.getMessage());
    }
  }

  private static dev.dfs.observe.@Nullable AccessLog openAccessLog(DfsConfig config)
      throws StartupFailure {
    String target = config.logging().accessLog();
    if (target == null) return null;
    try {
      return dev.dfs.observe.AccessLog.open(target);
    } catch (java.io.IOException e) {
      throw new StartupFailure(2, "cannot open the access log DFS_ACCESS_LOG=" + target + ": " + e);
    }
  }

  /** The master key; a cluster node's is never generated (every node must have the same). */
  private static MasterKey masterKey(DfsConfig config, Path data) throws StartupFailure {
    try {
      return config.storageEnv() == ConfigKeys.StorageEnv.CLUSTER
          ? MasterKey.resolveShared(config.masterKey(), data)
          : MasterKey.resolve(config.masterKey(), config.masterKeyPrevious(), data);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new StartupFailure(
          2,
          "cannot load the master key (DFS_MASTER_KEY or "
              + data.resolve(MasterKey.FILE_NAME)
              + "): "
              + e.getMessage());
    }
  }

  private static IdentityStore identities(Path data, MasterKey masterKey, Clock clock)
      throws StartupFailure {
    try {
      return IdentityStores.open(data, masterKey, clock);
    } catch (IdentityStoreLockedException e) {
      throw new StartupFailure(
          1,
          "cannot open the data directory "
              + data
              + ": it is in use by another running dfs server");
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new StartupFailure(
          1, "cannot open the identity store in " + data + ": " + e.getMessage());
    }
  }

  /**
   * The cluster's identity store, in the replicated metadata of the node just started; refuses a
   * node whose master key is not the cluster's.
   */
  private IdentityStore clusterIdentities(MasterKey masterKey) throws StartupFailure {
    try {
      // openCluster set it: the node starts before its identities are read
      var table = Objects.requireNonNull(identityTable, "the cluster node has started");
      return IdentityStores.replicated(table, masterKey, clock);
    } catch (dev.dfs.identity.MasterKeyMismatchException e) {
      throw new StartupFailure(2, e.getMessage());
    } catch (java.io.IOException e) {
      throw new StartupFailure(1, "cannot open the cluster's identity store: " + e.getMessage());
    }
  }

  /** {@link #store(DfsConfig, Path)}; if it cannot be opened, {@code identities} is closed. */
  private ObjectStore store(DfsConfig config, Path data, IdentityStore identities)
      throws StartupFailure {
    try {
      return store(config, data);
    } catch (StartupFailure e) {
      identities.close();
      throw e;
    }
  }

  /** Starts the server; if it cannot start, the store and {@code identities} are closed. */
  private DfsServer startOrClose(
      DfsConfig config,
      RootCredentials root,
      MasterKey masterKey,
      IdentityStore identities,
      ObjectStore store)
      throws StartupFailure, java.io.IOException {
    try {
      return start(config, root, masterKey, identities, store);
    } catch (StartupFailure e) {
      identities.close();
      throw e;
    }
  }

  private ObjectStore store(DfsConfig config, Path data) throws StartupFailure {
    try {
      return switch (config.storageEnv()) {
        case AWS -> openGateway(config, clock);
        case CLUSTER -> openCluster(config, data);
        case LOCAL -> LocalStore.open(data, localOptions(config, clock));
      };
    } catch (IllegalArgumentException e) {
      throw new StartupFailure(2, e.getMessage());
    } catch (java.io.IOException e) {
      String why =
          e.getMessage() != null && e.getMessage().contains("LOCK")
              ? "it is in use by another running dfs server"
              : e.getMessage();
      throw new StartupFailure(1, "cannot open the data directory " + data + ": " + why);
    }
  }

  /** Starts the server on {@code store}; on failure the store is closed. */
  private DfsServer start(
      DfsConfig config,
      RootCredentials root,
      MasterKey masterKey,
      IdentityStore identities,
      ObjectStore store)
      throws StartupFailure, java.io.IOException {
    try {
      Listeners listeners;
      try {
        listeners = listeners(config);
      } catch (ConfigException e) {
        throw new StartupFailure(2, e.getMessage());
      }
      DfsServer server = server(config, root, masterKey, identities, store, listeners);
      try {
        server.start();
      } catch (Exception e) {
        throw new StartupFailure(
            1, "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
      }
      advertise.accept(s3Endpoint(config, server));
      createDefaultBuckets(config, store);
      return server;
    } catch (StartupFailure e) {
      store.close();
      throw e;
    }
  }

  /**
   * DFS_DEFAULT_BUCKETS, once the server is up (a cluster node has joined its peers). The names
   * were checked before the start; a store that cannot create them now is logged and the server
   * keeps serving (they can be created later with any S3 client).
   */
  private static void createDefaultBuckets(DfsConfig config, ObjectStore store) {
    if (config.defaultBuckets().isEmpty()) return;
    try {
      List<String> created =
          DefaultBuckets.ensure(
              store, config.region(), ownershipOfNewBuckets(config), config.defaultBuckets());
      if (!created.isEmpty())
        LOG.info("created the default bucket(s) {}", String.join(", ", created));
    } catch (java.io.IOException e) {
      LOG.warn(
          "could not create the default buckets {}: {}", config.defaultBuckets(), e.toString());
    }
  }

  // the gateway keeps no ACLs: its buckets stay BucketOwnerEnforced
  private static dev.dfs.authz.acl.ObjectOwnership ownershipOfNewBuckets(DfsConfig config) {
    return config.storageEnv() == ConfigKeys.StorageEnv.AWS
        ? dev.dfs.authz.acl.ObjectOwnership.BUCKET_OWNER_ENFORCED
        : config.defaultObjectOwnership();
  }

  private DfsServer server(
      DfsConfig config,
      RootCredentials root,
      MasterKey masterKey,
      IdentityStore identities,
      ObjectStore store,
      Listeners listeners) {
    IdentityCredentialStore credentials =
        new IdentityCredentialStore(
            new Credential("root", root.accessKey(), root.secretKey()), root.apiKey(), identities);
    boolean open = config.auth() == ConfigKeys.AuthMode.NONE;
    store
        .tiering()
        .flatMap(dev.dfs.store.Tiering::accessTiering)
        .ifPresent(
            a ->
                a.tracking(
                    dev.dfs.store.AccessTiering.Tracking.valueOf(
                        config
                            .accessTracking()
                            .toUpperCase(java.util.Locale.ROOT)
                            .replace('-', '_'))));
    return new DfsServer(
        listeners,
        config.shutdownGraceSeconds() * 1000L,
        store,
        new SigV4Authenticator(credentials, clock, open, config.sigV2()),
        new S3Settings(
            config.region(),
            config.domain(),
            dev.dfs.lifecycle.LifecycleDay.ofSeconds(config.lifecycleDaySeconds()),
            store.supportsEncryption() ? masterKey : null,
            ownershipOfNewBuckets(config),
            clock),
        new ManagementSettings(
                config.corsOrigins(),
                config.metricsToken(),
                config.summary(),
                List.of(
                    new ManagementSettings.Identity(
                        "root",
                        root.accessKey(),
                        ManagementSettings.lastFour(root.apiKey()),
                        true)),
                Set.of("root"),
                identities)
            .withBackup(backupSource(config, store, identities)),
        config.metricsEnabled(),
        DfsServer.standardAccessControl(store, identities),
        connectionLimits(config),
        accessLog);
  }

  /** The data directory's snapshot for {@code GET /api/v1/backup}: the local engine only. */
  private static dev.dfs.util.@Nullable SnapshotSource backupSource(
      DfsConfig config, ObjectStore store, IdentityStore identities) {
    if (!(store instanceof LocalStore local)) return null;
    return new DataDirSnapshot(
        local,
        identities,
        config.dataDir().toAbsolutePath().normalize(),
        config.masterKey() == null);
  }

  /** On JVM shutdown: drains the server, closes the identity store; the latch opens after. */
  private static CountDownLatch stopOnShutdown(DfsServer server, IdentityStore identities) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutting down: letting in-flight requests finish");
                  try {
                    server.stop();
                    identities.close();
                    LOG.info("stopped cleanly");
                  } catch (Exception e) {
                    LOG.error("shutdown failed", e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "dfs-shutdown"));
    return stopped;
  }

  /**
   * The gateway engine on the configured upstream. An unreachable upstream is logged, not fatal:
   * the server starts and {@link ObjectStore#probe()} reports it until it answers.
   */
  private static GatewayStore openGateway(DfsConfig config, Clock clock) {
    DfsConfig.Upstream u = config.upstream();
    GatewayStore gateway =
        GatewayStore.open(
            GatewayOptions.of(
                u.endpoint(),
                u.region(),
                u.accessKey(),
                u.secretKey(),
                u.sessionToken(),
                u.pathStyle(),
                u.bucketPrefix(),
                config.region()),
            clock);
    try {
      gateway.probe();
    } catch (java.io.IOException e) {
      LOG.warn("the upstream S3 does not answer yet: {}", e.getMessage());
    }
    return gateway;
  }

  /**
   * This node of a cluster ({@link ClusterLauncher}, the only path that loads cluster classes);
   * once the server listens, its S3 endpoint is advertised to the peers.
   */
  private ObjectStore openCluster(DfsConfig config, Path data) throws java.io.IOException {
    ClusterLauncher.Started node = ClusterLauncher.start(config, data, localOptions(config, clock));
    advertise = node.advertise();
    identityTable = node.identityTable();
    return node.store();
  }

  /**
   * Where peers forward requests to this node: its S3 listener on the host peers reach it on (the
   * DFS_CLUSTER_ADDRESS host); HTTPS when it serves HTTPS and node-to-node TLS is on ({@link
   * DfsConfig#clusterTls}), else HTTP if served, else HTTPS. Forwarded bodies then travel encrypted
   * as chunk bodies do; the follower verifies the certificate (server.cluster.LeaderTrust).
   */
  private static java.net.URI s3Endpoint(DfsConfig config, DfsServer server) {
    String address = config.cluster().address();
    String host = address == null ? config.host() : address.substring(0, address.lastIndexOf(':'));
    boolean https = server.tlsPort() >= 0 && (server.port() < 0 || config.clusterTls());
    return !https
        ? java.net.URI.create("http://" + host + ":" + server.port())
        : java.net.URI.create("https://" + host + ":" + server.tlsPort());
  }

  /**
   * The local engine's options: defaults, with DFS_DISK_RESERVE_MB when set, stamping with {@code
   * clock}.
   */
  private static dev.dfs.store.local.LocalStoreOptions localOptions(DfsConfig config, Clock clock) {
    Long mb = config.limits().diskReserveMb();
    dev.dfs.store.local.LocalStoreOptions o =
        dev.dfs.store.local.LocalStoreOptions.defaults().withClock(clock);
    return mb == null ? o : o.withDiskReserveBytes(mb << 20);
  }

  /** The configured connection limits, unset ones derived from the file-descriptor limit. */
  static dev.dfs.server.ConnectionLimits connectionLimits(DfsConfig config) {
    DfsConfig.Limits l = config.limits();
    int max =
        l.maxConnections() != null
            ? l.maxConnections()
            : dev.dfs.server.ConnectionLimits.defaultMaxConnections(
                dev.dfs.server.ConnectionLimits.fileDescriptorLimit());
    int perClient =
        l.maxPerClient() != null
            ? l.maxPerClient()
            : dev.dfs.server.ConnectionLimits.defaultMaxPerClient(max);
    return new dev.dfs.server.ConnectionLimits(
        max, perClient, java.time.Duration.ofSeconds(l.headerTimeoutSeconds()));
  }

  /** The upstream for the banner: endpoint, region, prefix; never a key or secret. */
  private static String describeUpstream(DfsConfig.Upstream u) {
    return (u.endpoint() == null ? "AWS S3" : u.endpoint().toString())
        + " ("
        + u.region()
        + (u.bucketPrefix().isEmpty() ? "" : ", bucket prefix " + u.bucketPrefix())
        + ")";
  }

  private static Listeners listeners(DfsConfig config) {
    DfsConfig.Tls tls = config.tls();
    Path cert = tls.cert();
    if (cert == null) return Listeners.http(config.host(), config.port()); // TLS is off
    TlsMaterial material = TlsMaterial.load(cert, tls.key());
    return new Listeners(config.host(), tls.plainHttp() ? config.port() : -1, tls.port(), material);
  }

  private static void printBanner(
      PrintStream out, DfsConfig config, Path data, RootCredentials root, int port, int tlsPort) {
    String shownHost = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    String endpoint =
        port >= 0 ? "http://" + shownHost + ":" + port : "https://" + shownHost + ":" + tlsPort;
    out.println(
        "DFS "
            + DfsServer.VERSION
            + " is serving S3 at "
            + endpoint
            + "  (engine: "
            + engine(config, data)
            + ", region: "
            + config.region()
            + ")");
    if (port >= 0 && tlsPort >= 0) {
      out.println(
          "HTTPS: https://"
              + shownHost
              + ":"
              + tlsPort
              + "  (certificate "
              + config.tls().cert()
              + ")");
    }
    out.println(
        "Health: "
            + endpoint
            + "/api/v1/health   API docs: "
            + endpoint
            + "/api/v1/docs   Metrics: "
            + endpoint
            + "/metrics");
    out.println("Web console: " + endpoint + "/console/");
    printCredentials(out, config, data, root);
    out.println("Try: aws --endpoint-url " + endpoint + " s3 ls");
    out.flush();
  }

  /** The engine and where its data (or the gateway's credentials) live, for the banner. */
  private static String engine(DfsConfig config, Path data) {
    return switch (config.storageEnv()) {
      case AWS -> "gateway to " + describeUpstream(config.upstream()) + ", credentials in: " + data;
      case CLUSTER ->
          "cluster node "
              + config.cluster().nodeId()
              + " of "
              + config.cluster().seeds()
              + ", data: "
              + data;
      case LOCAL -> "local, data: " + data;
    };
  }

  /**
   * Generated root credentials in full (this once), else the access key and the secret's source.
   */
  private static void printCredentials(
      PrintStream out, DfsConfig config, Path data, RootCredentials root) {
    if (root.generated()) {
      out.println(
          "Root credentials were generated now and are shown only this once"
              + " (also stored in "
              + data.resolve("root-credentials.properties")
              + ", mode 0600):");
      out.println("  AWS_ACCESS_KEY_ID=" + root.accessKey());
      out.println("  AWS_SECRET_ACCESS_KEY=" + root.secretKey());
      out.println("  X-Api-Key: " + root.apiKey());
    } else {
      out.println(
          "Root access key: "
              + root.accessKey()
              + "  (secret: "
              + (config.rootSecretKey() != null
                  ? "DFS_ROOT_SECRET_KEY"
                  : data.resolve("root-credentials.properties").toString())
              + ")");
    }
  }
}
