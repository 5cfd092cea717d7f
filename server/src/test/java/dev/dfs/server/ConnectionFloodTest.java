package dev.dfs.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.Credential;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.authz.AccessControl;
import dev.dfs.s3.S3Settings;
import dev.dfs.store.local.LocalStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One client floods the server with idle and trickling connections (slowloris), others take the
 * server to its global limit: the client's connections beyond its limit and everyone's beyond the
 * global limit are answered 503 SlowDown, tricklers are cut at the header deadline although each of
 * them keeps sending, and /api/v1/health answers throughout. Loopback only (the flooding "clients"
 * are 127.0.0.2-5, which Linux routes to the loopback interface); limits are lowered so the test
 * needs a few hundred sockets.
 */
class ConnectionFloodTest {
  private static final int MAX = 300;
  private static final int PER_CLIENT = 100;
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

  @Test
  @Timeout(120)
  void shedsBeyondLimitsCutsTricklersAndKeepsHealthAnswering(@TempDir Path data) throws Exception {
    DfsServer server =
        new DfsServer(
            Listeners.http("127.0.0.1", 0),
            2_000,
            LocalStore.open(data),
            new SigV4Authenticator(
                new StaticCredentialStore(
                    List.of(new Credential("root", "FLOODKEY", "flood-secret-0123456789")),
                    Map.of()),
                Clock.systemUTC(),
                false),
            new S3Settings("us-east-1", null),
            ManagementSettings.defaults(),
            false,
            AccessControl.NONE,
            new ConnectionLimits(MAX, PER_CLIENT, HEADER_TIMEOUT));
    server.start();
    List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean flooding = new AtomicBoolean(true);
    List<Long> healthMillis = Collections.synchronizedList(new ArrayList<>());
    ConcurrentLinkedQueue<String> healthFailures = new ConcurrentLinkedQueue<>();
    Thread health =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (flooding.get()) {
                    long t0 = System.nanoTime();
                    try {
                      String answer =
                          exchange(
                              InetAddress.getLoopbackAddress(),
                              server.port(),
                              "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                      if (!answer.startsWith("HTTP/1.1 200")) healthFailures.add(answer);
                      healthMillis.add((System.nanoTime() - t0) / 1_000_000);
                      Thread.sleep(20);
                    } catch (Exception e) {
                      healthFailures.add(e.toString());
                    }
                  }
                });
    try {
      // client A (127.0.0.2): its limit of tricklers, each sending a header byte every 200 ms
      InetAddress a = InetAddress.getByName("127.0.0.2");
      List<Socket> tricklers = new ArrayList<>();
      long floodStart = System.nanoTime(); // before the first connect: the deadline's start
      for (int i = 0; i < PER_CLIENT; i++) tricklers.add(open(a, server.port(), sockets));
      awaitOpen(server, PER_CLIENT);
      CountDownLatch cut = new CountDownLatch(tricklers.size());
      List<Long> heldMillis = Collections.synchronizedList(new ArrayList<>());
      for (Socket s : tricklers) watchForClose(s, floodStart, cut, heldMillis);
      Thread trickle = Thread.ofVirtual().start(() -> trickle(tricklers, flooding));
      // its next connection is over its limit: answered 503 SlowDown, not served
      String over = exchange(a, server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(over)
          .startsWith("HTTP/1.1 503")
          .contains("<Code>SlowDown</Code>")
          .contains("Connection: close");
      // clients C, D, E fill the server to its global limit with idle connections; beyond it
      // a newcomer is shed too, yet a health check on such a connection is answered
      int idle = 0;
      for (int c = 3; c <= 5 && sockets.size() < MAX + 20; c++) {
        InetAddress addr = InetAddress.getByName("127.0.0." + c);
        for (int i = 0; i < PER_CLIENT && sockets.size() < MAX + 20; i++, idle++) {
          open(addr, server.port(), sockets);
        }
      }
      awaitOpen(server, MAX);
      System.out.printf(
          "flood: %d sockets open %d ms after the flood began%n",
          sockets.size(), (System.nanoTime() - floodStart) / 1_000_000);
      InetAddress f = InetAddress.getByName("127.0.0.6");
      assertThat(exchange(f, server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
          .startsWith("HTTP/1.1 503")
          .contains("<Code>SlowDown</Code>");
      assertThat(exchange(f, server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"))
          .startsWith("HTTP/1.1 200");
      int held = sockets.size();
      // the header deadline cuts every trickler although each keeps sending
      assertThat(cut.await(60, TimeUnit.SECONDS)).as("tricklers cut").isTrue();
      flooding.set(false);
      trickle.join();
      health.join();
      assertThat(Collections.min(heldMillis))
          .as("cut only after the deadline")
          .isGreaterThanOrEqualTo(HEADER_TIMEOUT.toMillis());
      assertThat(healthFailures).as("health checks that failed").isEmpty();
      List<Long> sorted = new ArrayList<>(healthMillis);
      Collections.sort(sorted);
      long p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
      System.out.printf(
          "flood: %d connections held (%d tricklers, %d idle), tricklers cut after"
              + " %d-%d ms; /api/v1/health answered %d times, p50 %d ms, p99 %d ms, max %d ms%n",
          held,
          tricklers.size(),
          idle,
          Collections.min(heldMillis),
          Collections.max(heldMillis),
          sorted.size(),
          sorted.get(sorted.size() / 2),
          p99,
          sorted.getLast());
      // client A is served again once its connections are gone
      assertThat(
              exchange(a, server.port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 403");
    } finally {
      flooding.set(false);
      for (Socket s : sockets) closeQuietly(s);
      server.stop();
    }
  }

  /** Starts a request whose headers never end, then sends one more header byte every 200 ms. */
  private static void trickle(List<Socket> tricklers, AtomicBoolean flooding) {
    for (Socket s : tricklers) write(s, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    while (flooding.get()) {
      for (Socket s : tricklers) write(s, "a");
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void write(Socket s, String text) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException closed) {
      // cut by the server: the watcher records it
    }
  }

  /** Counts {@code cut} down when the server closes {@code s}, recording how long it was held. */
  private static void watchForClose(Socket s, long start, CountDownLatch cut, List<Long> held) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (InputStream in = s.getInputStream()) {
                while (in.read() >= 0) {
                  // a trickler gets no answer; the read ends when the server closes
                }
              } catch (IOException closed) {
                // reset by the server: closed too
              }
              held.add((System.nanoTime() - start) / 1_000_000);
              cut.countDown();
            });
  }

  private static Socket open(InetAddress from, int port, List<Socket> all) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
    all.add(s);
    return s;
  }

  private static String exchange(InetAddress from, int port, String request) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 20_000);
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      StringBuilder b = new StringBuilder();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        b.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        String text = b.toString();
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd > 0) {
          java.util.regex.Matcher m =
              java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                  .matcher(text.substring(0, headerEnd));
          if (m.find() && text.length() >= headerEnd + 4 + Integer.parseInt(m.group(1))) break;
        }
      }
      return b.toString();
    }
  }

  /** Waits until the server has accepted at least {@code n} connections (accepting is async). */
  private static void awaitOpen(DfsServer server, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.openConnections() < n && System.nanoTime() < deadline) Thread.sleep(10);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing a test socket
    }
  }
}
