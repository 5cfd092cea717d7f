package dev.dfs.cli;

import dev.dfs.server.config.ConfigSources;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every {@code dfs admin} command shares: where the identities are (a running server's
 * management API, or {@code --offline} the data directory's identity database) and how to print,
 * and how to trust an HTTPS server. Settings not given as flags come from the environment, then
 * {@code .env} in the working directory.
 */
final class AdminOptions {
  static final String DEFAULT_ENDPOINT = "http://127.0.0.1:5555";
  static final String ROOT_CREDENTIALS = "root-credentials.properties";

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "Management API of the running server (DFS_ENDPOINT, default " + DEFAULT_ENDPOINT + ").")
  @Nullable String endpoint;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "An admin's API key (DFS_API_KEY; prefer the variable: flags show in ps)."
              + " Default: root's, read from root-credentials.properties in --data-dir.")
  @Nullable String apiKey;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "The server's data directory (DFS_DATA_DIR, default ./data). Offline: the"
              + " identity database to change. Online: where root's API key is read from.")
  @Nullable String dataDir;

  @Option(
      names = "--offline",
      description =
          "Change the identity database in --data-dir directly, without a server;"
              + " only while the server is stopped.")
  boolean offline;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(
      names = "--ca-bundle",
      paramLabel = "FILE",
      description =
          "HTTPS: trust the server's certificate when it chains to a CA in this PEM"
              + " file (DFS_CA_BUNDLE), besides the system's CAs.")
  @Nullable String caBundle;

  @Option(
      names = "--insecure",
      description = "HTTPS: accept any certificate and host name (testing only).")
  boolean insecure;

  /** The client the options ask for. */
  AdminClient connect() {
    Map<String, String> env = environment();
    if (offline) {
      if (endpoint != null) throw new AdminFailure("--offline and --endpoint exclude each other");
      return OfflineAdminClient.open(
          dataDirectory(env), env.get("DFS_MASTER_KEY"), env.get("DFS_MASTER_KEY_PREVIOUS"));
    }
    return new HttpAdminClient(endpoint(env), apiKey(env), tls(env));
  }

  /** The TLS trust the HTTPS options ask for. */
  AdminTls tls(Map<String, String> env) {
    String bundle = caBundle != null ? caBundle : env.get("DFS_CA_BUNDLE");
    if (insecure && bundle != null)
      throw new AdminFailure("--insecure and --ca-bundle exclude each other");
    return insecure
        ? AdminTls.INSECURE
        : bundle == null ? AdminTls.SYSTEM : AdminTls.bundle(Path.of(bundle));
  }

  /** The management endpoint (no trailing slash); for messages and the S3 client. */
  URI endpoint(Map<String, String> env) {
    String url = endpoint != null ? endpoint : env.getOrDefault("DFS_ENDPOINT", DEFAULT_ENDPOINT);
    try {
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException();
      return uri;
    } catch (IllegalArgumentException e) {
      throw new AdminFailure(
          "--endpoint must be a URL like " + DEFAULT_ENDPOINT + ", not '" + url + "'");
    }
  }

  /**
   * The S3 credentials of commands that speak S3 (bucket create, share): AWS_ACCESS_KEY_ID and
   * AWS_SECRET_ACCESS_KEY, else root's from root-credentials.properties in --data-dir.
   *
   * @return access key id and secret key
   */
  String[] s3Credentials(Map<String, String> env) {
    if (env.get("AWS_ACCESS_KEY_ID") != null && env.get("AWS_SECRET_ACCESS_KEY") != null) {
      return new String[] {env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")};
    }
    Properties p = rootCredentials(env);
    if (p != null && p.getProperty("accessKey") != null && p.getProperty("secretKey") != null) {
      return new String[] {p.getProperty("accessKey"), p.getProperty("secretKey")};
    }
    throw new AdminFailure(
        "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
            + " or give --data-dir of the server (root's are read from its "
            + ROOT_CREDENTIALS
            + ")");
  }

  private String apiKey(Map<String, String> env) {
    if (apiKey != null) return apiKey;
    if (env.get("DFS_API_KEY") != null) return env.get("DFS_API_KEY");
    Properties p = rootCredentials(env);
    if (p != null && p.getProperty("apiKey") != null) return p.getProperty("apiKey");
    throw new AdminFailure(
        "no admin API key: give --api-key or DFS_API_KEY, or --data-dir of the"
            + " server (root's key is read from its "
            + ROOT_CREDENTIALS
            + ")");
  }

  /** The data directory's root-credentials.properties, or null when there is none to read. */
  private @Nullable Properties rootCredentials(Map<String, String> env) {
    Path file = dataDirectory(env).resolve(ROOT_CREDENTIALS);
    if (!Files.isReadable(file)) return null;
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new AdminFailure("cannot read " + file + ": " + e.getMessage());
    }
    return p;
  }

  private Path dataDirectory(Map<String, String> env) {
    String dir = dataDir != null ? dataDir : env.getOrDefault("DFS_DATA_DIR", "./data");
    return Path.of(dir).toAbsolutePath().normalize();
  }

  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    try {
      env.putAll(ConfigSources.readDotEnv(Path.of(".env")));
    } catch (RuntimeException e) {
      // an unreadable .env only matters to the server
    }
    env.putAll(System.getenv());
    return env;
  }
}
