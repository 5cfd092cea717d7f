package dev.dfs.store.gateway;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dfs server} from the packaged jar (system property {@code dfs.jar}) started with {@code
 * STORAGE_ENV=aws} in its own process, heap capped and GC-logged so a test can read the peak heap
 * in use. Stopped by its own process handle.
 */
final class GatewayProcess implements AutoCloseable {
  static final String ACCESS_KEY = "GATEWAYCLIENTKEY";
  static final String SECRET_KEY = "gateway-client-secret-0123456789";
  private static final Pattern BANNER =
      Pattern.compile("serving S3 at http://127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern GC_BEFORE = Pattern.compile(" (\\d+)M->\\d+M\\(\\d+M\\)");

  private final Process process;
  private final int port;
  private final Path log;
  private final Path gcLog;

  private GatewayProcess(Process process, int port, Path log, Path gcLog) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.gcLog = gcLog;
  }

  static Path jar() {
    return Path.of(
        System.getProperty(
            "dfs.jar", "target/dfs-" + dev.dfs.util.BuildInfo.current().version() + ".jar"));
  }

  /** Starts the gateway in front of {@code upstream}; waits at most 30 s for the banner. */
  static GatewayProcess start(
      Path dir, URI upstream, String upstreamKey, String upstreamSecret, String heap)
      throws Exception {
    Path log = dir.resolve("gateway.log");
    Path gcLog = dir.resolve("gateway-gc.log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+UseG1GC",
                "-Xlog:gc:file=" + gcLog,
                "-jar",
                jar().toString(),
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("gw-data").toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DFS_"));
    env.put("STORAGE_ENV", "aws");
    env.put("AWS_ENDPOINT_URL", upstream.toString());
    env.put("AWS_ACCESS_KEY", upstreamKey);
    env.put("AWS_SECRET_KEY", upstreamSecret);
    env.put("AWS_REGION", "us-east-1");
    env.put("DFS_GATEWAY_BUCKET_PREFIX", "proc-");
    env.put("DFS_ROOT_ACCESS_KEY", ACCESS_KEY);
    env.put("DFS_ROOT_SECRET_KEY", SECRET_KEY);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher m = BANNER.matcher(Files.readString(log));
      if (m.find()) return new GatewayProcess(p, Integer.parseInt(m.group(1)), log, gcLog);
      if (!p.isAlive()) break;
      Thread.sleep(50);
    }
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
    throw new IllegalStateException("gateway did not start:\n" + Files.readString(log));
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  String output() throws Exception {
    return Files.readString(log);
  }

  /** The largest heap occupancy any GC saw before collecting, in MiB (0 if none ran). */
  long peakHeapMiB() throws Exception {
    long peak = 0;
    if (!Files.exists(gcLog)) return 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_BEFORE.matcher(line);
      if (m.find()) peak = Math.max(peak, Long.parseLong(m.group(1)));
    }
    return peak;
  }

  /** How many GCs ran so far. */
  long gcCount() throws Exception {
    if (!Files.exists(gcLog)) return 0;
    return Files.readAllLines(gcLog).stream().filter(l -> GC_BEFORE.matcher(l).find()).count();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
