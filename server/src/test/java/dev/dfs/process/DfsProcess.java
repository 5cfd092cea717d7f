package dev.dfs.process;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real {@code dfs server} process started from the packaged jar ({@code -Ddfs.jar}), on a free
 * loopback port, for process-level tests. Only ever kills the process it started.
 */
final class DfsProcess implements AutoCloseable {
  static final String ACCESS_KEY = "PROCESSTESTKEY";
  static final String SECRET_KEY = "process-test-secret-0123456789";
  private static final Pattern BANNER = Pattern.compile("serving S3 at http://([0-9.]+):(\\d+)");

  private final Process process;
  private final String host;
  private final int port;
  private final Path log;

  private DfsProcess(Process process, String host, int port, Path log) {
    this.process = process;
    this.host = host;
    this.port = port;
    this.log = log;
  }

  static Path jar() {
    String jar = System.getProperty("dfs.jar");
    if (jar == null) throw new IllegalStateException("run through Maven failsafe (-Ddfs.jar)");
    return Path.of(jar);
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /**
   * Starts the server on {@code dataDir} and waits (at most 90 s: a JVM start on a 2-core machine
   * shared with other builds has been seen to take over 30 s) until it serves.
   */
  static DfsProcess start(Path dataDir, String... extraArgs) throws Exception {
    return start(dataDir, Map.of(), extraArgs);
  }

  /** {@link #start(Path, String...)} with these environment variables added. */
  static DfsProcess start(Path dataDir, Map<String, String> extraEnv, String... extraArgs)
      throws Exception {
    return start(Duration.ofSeconds(90), null, dataDir, extraEnv, extraArgs);
  }

  /**
   * {@link #start(Path, Map, String...)} in working directory {@code workDir} (its .env is read);
   * null: this one.
   */
  static DfsProcess startIn(
      Path workDir, Path dataDir, Map<String, String> extraEnv, String... extraArgs)
      throws Exception {
    return start(Duration.ofSeconds(90), workDir, dataDir, extraEnv, extraArgs);
  }

  /**
   * {@link #start(Path, Map, String...)} waiting up to {@code startWithin} for the server to
   * listen.
   */
  static DfsProcess start(
      Duration startWithin, Path dataDir, Map<String, String> extraEnv, String... extraArgs)
      throws Exception {
    return start(startWithin, null, dataDir, extraEnv, extraArgs);
  }

  private static DfsProcess start(
      Duration startWithin,
      Path workDir,
      Path dataDir,
      Map<String, String> extraEnv,
      String... extraArgs)
      throws Exception {
    return start(startWithin, List.of(), "127.0.0.1", workDir, dataDir, extraEnv, extraArgs);
  }

  /**
   * {@link #start(Duration, Path, Map, String...)} listening on {@code host}, its command line
   * after {@code launcher} (e.g. {@code ip netns exec NAME}, which execs the JVM in place, so
   * {@link #pid} is the server's).
   */
  static DfsProcess start(
      Duration startWithin,
      List<String> launcher,
      String host,
      Path dataDir,
      Map<String, String> extraEnv,
      String... extraArgs)
      throws Exception {
    return start(startWithin, launcher, host, null, dataDir, extraEnv, extraArgs);
  }

  private static DfsProcess start(
      Duration startWithin,
      List<String> launcher,
      String host,
      Path workDir,
      Path dataDir,
      Map<String, String> extraEnv,
      String... extraArgs)
      throws Exception {
    List<String> cmd = new ArrayList<>(launcher);
    cmd.addAll(
        List.of(
            javaBinary(),
            "-Xmx256m",
            "-jar",
            jar().toString(),
            "server",
            "--host",
            host,
            "--port",
            "0",
            "--data-dir",
            dataDir.toString()));
    cmd.addAll(List.of(extraArgs));
    Path log = Files.createTempFile("dfs-process", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    if (workDir != null) pb.directory(workDir.toFile());
    Map<String, String> env = pb.environment();
    env.put("DFS_ROOT_ACCESS_KEY", ACCESS_KEY);
    env.put("DFS_ROOT_SECRET_KEY", SECRET_KEY);
    env.putAll(extraEnv);
    Process p = pb.start();
    long deadline = System.nanoTime() + startWithin.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        Matcher m = BANNER.matcher(Files.readString(log));
        if (m.find()) return new DfsProcess(p, m.group(1), Integer.parseInt(m.group(2)), log);
        if (!p.isAlive()) break;
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly(); // a test timed out while this server was starting: leave no process
      // behind
      throw e;
    }
    p.destroyForcibly();
    throw new IllegalStateException("server did not start:\n" + Files.readString(log));
  }

  URI endpoint() {
    return URI.create("http://" + host + ":" + port);
  }

  /** The server's process id (for signals the JDK does not send, such as SIGSTOP). */
  long pid() {
    return process.pid();
  }

  /** Whether the process still runs. */
  boolean alive() {
    return process.isAlive();
  }

  /** Everything the process printed so far (stdout and stderr), line by line. */
  List<String> output() throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  /** A client that never retries, so an acknowledgement means exactly one successful PUT. */
  S3Client client() {
    return client(ACCESS_KEY, SECRET_KEY);
  }

  /** A client like {@link #client()} signing with another key pair. */
  S3Client client(String accessKey, String secretKey) {
    return client(accessKey, secretKey, Duration.ofSeconds(30));
  }

  /**
   * {@link #client()} giving up on a connection or a silent socket after {@code timeout} (a
   * connection after 5 s at most).
   */
  S3Client client(Duration timeout) {
    return client(ACCESS_KEY, SECRET_KEY, timeout);
  }

  private S3Client client(String accessKey, String secretKey, Duration socketTimeout) {
    Duration connect =
        socketTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? socketTimeout : Duration.ofSeconds(5);
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .httpClientBuilder(
            Apache5HttpClient.builder()
                .maxConnections(32)
                .connectionTimeout(connect)
                .socketTimeout(socketTimeout))
        .build();
  }

  /** SIGKILL: no shutdown hook, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait for a clean exit; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException, IOException {
    if (process.isAlive()) kill();
    Files.deleteIfExists(log);
  }
}
