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
import picocli.CommandLine.Option;

/**
 * The options every {@code dfs admin} command shares: where the identities are (a running
 * server's management API, or {@code --offline} the data directory's identity database) and
 * how to print. Settings not given as flags come from the environment, then {@code .env} in the
 * working directory.
 */
final class AdminOptions {
  static final String DEFAULT_ENDPOINT = "http://127.0.0.1:5555";
  static final String ROOT_CREDENTIALS = "root-credentials.properties";

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Management API of the running server (DFS_ENDPOINT, default "
          + DEFAULT_ENDPOINT + ").")
  String endpoint;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "An admin's API key (DFS_API_KEY; prefer the variable: flags show in ps)."
          + " Default: root's, read from root-credentials.properties in --data-dir.")
  String apiKey;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The server's data directory (DFS_DATA_DIR, default ./data). Offline: the"
          + " identity database to change. Online: where root's API key is read from.")
  String dataDir;

  @Option(names = "--offline",
      description = "Change the identity database in --data-dir directly, without a server;"
          + " only while the server is stopped.")
  boolean offline;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  /** The client the options ask for. */
  AdminClient connect() {
    Map<String, String> env = environment();
    if (offline) {
      if (endpoint != null) throw new AdminFailure("--offline and --endpoint exclude each other");
      return OfflineAdminClient.open(dataDirectory(env), env.get("DFS_MASTER_KEY"),
          env.get("DFS_MASTER_KEY_PREVIOUS"));
    }
    String url = endpoint != null ? endpoint : env.getOrDefault("DFS_ENDPOINT", DEFAULT_ENDPOINT);
    URI uri;
    try {
      uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException();
    } catch (IllegalArgumentException e) {
      throw new AdminFailure("--endpoint must be a URL like " + DEFAULT_ENDPOINT + ", not '" + url + "'");
    }
    return new HttpAdminClient(uri, apiKey(env));
  }

  private String apiKey(Map<String, String> env) {
    if (apiKey != null) return apiKey;
    if (env.get("DFS_API_KEY") != null) return env.get("DFS_API_KEY");
    Path file = dataDirectory(env).resolve(ROOT_CREDENTIALS);
    if (Files.isReadable(file)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new AdminFailure("cannot read " + file + ": " + e.getMessage());
      }
      if (p.getProperty("apiKey") != null) return p.getProperty("apiKey");
    }
    throw new AdminFailure("no admin API key: give --api-key or DFS_API_KEY, or --data-dir of the"
        + " server (root's key is read from its " + ROOT_CREDENTIALS + ")");
  }

  private Path dataDirectory(Map<String, String> env) {
    String dir = dataDir != null ? dataDir : env.getOrDefault("DFS_DATA_DIR", "./data");
    return Path.of(dir).toAbsolutePath().normalize();
  }

  private static Map<String, String> environment() {
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
