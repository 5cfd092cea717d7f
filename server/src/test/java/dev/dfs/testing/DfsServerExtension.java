package dev.dfs.testing;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.CredentialStore;
import dev.dfs.lifecycle.LifecycleDay;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts one in-process {@link DfsTestServer} (local engine in a fresh temporary data directory)
 * before a test class's {@code @BeforeAll} methods and stops it, closing its clients and deleting
 * the directory, after its {@code @AfterAll} methods. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
 * }</pre>
 *
 * <p>The builder methods choose among {@link DfsTestServer}'s start variants; each returns a new
 * extension, so a registered instance's settings never change. Accessors are valid only between
 * start and stop; {@code @Nested} classes share the outer class's server. Not thread-safe: one
 * registered instance serves one class at a time (no parallel execution).
 */
public final class DfsServerExtension implements BeforeAllCallback, AfterAllCallback {
  private final boolean allowAnonymous;
  private final String domain;
  private final ManagementSettings management;
  private final boolean metricsEnabled;
  private final LifecycleDay lifecycleDay;
  private final CredentialStore credentials;

  private Path dataDir;
  private String startedBy; // the class context that started the server; @Nested ones reuse it
  private DfsTestServer server;
  private S3Client client;

  private DfsServerExtension(
      boolean allowAnonymous,
      String domain,
      ManagementSettings management,
      boolean metricsEnabled,
      LifecycleDay lifecycleDay,
      CredentialStore credentials) {
    this.allowAnonymous = allowAnonymous;
    this.domain = domain;
    this.management = management;
    this.metricsEnabled = metricsEnabled;
    this.lifecycleDay = lifecycleDay;
    this.credentials = credentials;
  }

  /** A server as {@link DfsTestServer#start(Path)} starts it: authentication required. */
  public static DfsServerExtension local() {
    return new DfsServerExtension(false, null, ManagementSettings.defaults(), true, null, null);
  }

  /** The same server, but unsigned requests are allowed (DFS_AUTH=none). */
  public DfsServerExtension anonymous() {
    return new DfsServerExtension(
        true, domain, management, metricsEnabled, lifecycleDay, credentials);
  }

  /** The same server with DFS_DOMAIN set, for virtual-host style requests. */
  public DfsServerExtension domain(String domain) {
    return new DfsServerExtension(
        allowAnonymous, domain, management, metricsEnabled, lifecycleDay, credentials);
  }

  /** The same server with these management settings and DFS_METRICS. */
  public DfsServerExtension management(ManagementSettings management, boolean metricsEnabled) {
    return new DfsServerExtension(
        allowAnonymous, domain, management, metricsEnabled, lifecycleDay, credentials);
  }

  /**
   * The same server whose lifecycle day lasts {@code day}; only with the defaults otherwise (see
   * {@link DfsTestServer#start(Path, LifecycleDay)}).
   */
  public DfsServerExtension lifecycleDay(LifecycleDay day) {
    return new DfsServerExtension(
        allowAnonymous, domain, management, metricsEnabled, day, credentials);
  }

  /**
   * The same server signing with these credentials instead of the identity store's; only with the
   * defaults otherwise (see {@link DfsTestServer#start(Path, CredentialStore)}).
   */
  public DfsServerExtension credentials(CredentialStore credentials) {
    return new DfsServerExtension(
        allowAnonymous, domain, management, metricsEnabled, lifecycleDay, credentials);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (server != null) return;
    startedBy = context.getUniqueId();
    dataDir = Files.createTempDirectory("dfs-test");
    try {
      server = start(dataDir);
      client = server.client();
    } catch (Exception | Error e) {
      DfsTestServer.deleteTree(dataDir);
      throw e;
    }
  }

  private DfsTestServer start(Path dir) throws Exception {
    boolean otherwiseDefault =
        !allowAnonymous
            && domain == null
            && metricsEnabled
            && management.equals(ManagementSettings.defaults());
    if (lifecycleDay != null || credentials != null) {
      if (!otherwiseDefault || (lifecycleDay != null && credentials != null)) {
        throw new IllegalStateException("lifecycleDay and credentials combine with nothing else");
      }
      return lifecycleDay != null
          ? DfsTestServer.start(dir, lifecycleDay)
          : DfsTestServer.start(dir, credentials);
    }
    return DfsTestServer.start(dir, allowAnonymous, domain, management, metricsEnabled);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!context.getUniqueId().equals(startedBy)) return;
    try {
      if (server != null) server.close();
    } finally {
      server = null;
      client = null;
      startedBy = null;
      DfsTestServer.deleteTree(dataDir);
    }
  }

  /** The running server. */
  public DfsTestServer server() {
    return server;
  }

  /** A sync client of root's with SDK defaults, path style, shared by the class's tests. */
  public S3Client client() {
    return client;
  }

  /** The local engine's data directory (deleted when the server stops). */
  public Path dataDir() {
    return dataDir;
  }
}
