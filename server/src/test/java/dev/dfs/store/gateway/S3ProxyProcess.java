package dev.dfs.store.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * s3proxy 4.1.0 (jclouds filesystem provider) as an independent upstream: a separate {@code java
 * -jar} process on 127.0.0.1 with its own credentials, started from the jar that the build copies
 * to {@code target/upstreams} (system property {@code s3proxy.jar}). Stopped by its own process
 * handle on close.
 */
final class S3ProxyProcess implements AutoCloseable {
  static final String ACCESS_KEY = "s3proxy-upstream-key";
  static final String SECRET_KEY = "s3proxy-upstream-secret";

  private final Process process;
  private final URI endpoint;

  private S3ProxyProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  static S3ProxyProcess start(Path dir) throws IOException, InterruptedException {
    String jar = System.getProperty("s3proxy.jar", "target/upstreams/s3proxy.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "s3proxy jar missing at " + jar + " (the build copies it in generate-test-resources)");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path data = Files.createDirectories(dir.resolve("s3proxy-data"));
    Path props = dir.resolve("s3proxy.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + data,
            ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-Xmx512m", "-jar", jar, "--properties", props.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3proxy.log").toFile())
            .start();
    S3ProxyProcess proxy = new S3ProxyProcess(p, URI.create("http://127.0.0.1:" + port));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException("s3proxy exited: see " + dir.resolve("s3proxy.log"));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return proxy;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    proxy.close();
    throw new IllegalStateException("s3proxy did not listen within 30 s");
  }

  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
