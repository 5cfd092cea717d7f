package dev.dfs.server;

import dev.dfs.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the HTTPS certificate when its PEM files change (a certbot renewal), without a restart:
 * every {@code interval} it compares the files' modification times and sizes with those last
 * loaded, and on a change loads the pair again and swaps it into Jetty's {@link SslContextFactory}
 * (new handshakes use it; open connections keep theirs). A pair that does not load (a half-written
 * renewal, a key that does not match) is logged and retried at the next check; the old certificate
 * stays in service. A Jetty bean: started and stopped with the server. Thread-safe (one checking
 * thread).
 */
final class TlsReloader extends AbstractLifeCycle {
  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);
  private final SslContextFactory.Server ssl;
  private final Path cert;
  private final Path key;
  private final Duration interval;
  private @Nullable ScheduledExecutorService timer;
  private @Nullable List<Object> loaded;
  private @Nullable List<Object> failed;

  /** Readiness' view of the checking thread: each check is due within three intervals. */
  private final dev.dfs.util.Heartbeat heartbeat;

  TlsReloader(SslContextFactory.Server ssl, Path cert, Path key, Duration interval) {
    this.ssl = ssl;
    this.cert = cert;
    this.key = key;
    this.interval = interval;
    this.heartbeat = new dev.dfs.util.Heartbeat("tls-reloader", due(interval));
  }

  /** The checking thread's liveness: a check that threw ends the schedule, which stalls it. */
  dev.dfs.util.Heartbeat heartbeat() {
    return heartbeat;
  }

  private static Duration due(Duration interval) {
    return interval.multipliedBy(3).plusSeconds(30);
  }

  @Override
  protected void doStart() {
    loaded = stamp();
    heartbeat.beat(due(interval));
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dfs-tls-reload");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    // stopped with the timer, not through the returned future
    Future<?> unused = timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    heartbeat.finished();
    if (timer != null) timer.shutdownNow();
  }

  private void check() {
    heartbeat.beat(due(interval));
    List<Object> now = stamp();
    if (now.equals(loaded) || now.equals(failed)) return;
    try {
      TlsMaterial fresh = TlsMaterial.load(cert, key);
      ssl.reload(
          f -> {
            f.setKeyStore(fresh.keyStore());
            f.setKeyStorePassword(fresh.password());
            f.setKeyManagerPassword(fresh.password());
          });
      loaded = now;
      failed = null;
      LOG.info("reloaded the TLS certificate from {}", cert);
    } catch (ConfigException e) {
      failed = now; // retried once the files change again
      LOG.warn(
          "TLS certificate files changed but do not load; still serving the previous one: {}",
          e.getMessage());
    } catch (Exception e) {
      failed = now;
      LOG.warn(
          "could not reload the TLS certificate; still serving the previous one: {}", e.toString());
    }
  }

  /** Modification times and sizes of both files (nulls while a file is missing). */
  private List<Object> stamp() {
    return List.of(String.valueOf(attributes(cert)), String.valueOf(attributes(key)));
  }

  private static String attributes(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p);
    } catch (IOException e) {
      return "missing";
    }
  }
}
