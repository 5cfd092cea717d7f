package dev.dfs.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the open network connections, globally and per client address, marks each new one that
 * exceeds {@link ConnectionLimits} as shed (its requests are answered {@code 503 SlowDown} by
 * {@link SheddingHandler}, and it gets a short idle timeout), and enforces the header deadline: a
 * sweep every {@link #SWEEP_MILLIS} closes each connection that has been delivering a request's
 * headers for longer than the limit, however steadily bytes trickle.
 *
 * <p>Registered as a Jetty {@link Connection.Listener} bean on the connectors, so it sees every
 * connection open and close; for TLS only the network connection is tracked, not the decrypted one
 * inside it. Thread-safe.
 */
final class ConnectionGuard extends AbstractLifeCycle implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  static final long SWEEP_MILLIS = 250;

  /** How often a summary of shed and cut connections is logged while there are any. */
  private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One tracked network connection. */
  static final class Tracked {
    final Connection connection;
    final InetAddress client;
    final boolean shed;

    /** When the current request's headers began (nanoTime), or 0 when none is pending. */
    volatile long headerStart;

    /** Bytes received when the last request was handed over; more means a new one began. */
    volatile long bytesMark;

    volatile boolean inRequest;

    Tracked(Connection connection, InetAddress client, boolean shed, long now) {
      this.connection = connection;
      this.client = client;
      this.shed = shed;
      this.headerStart = now;
    }

    boolean shed() {
      return shed;
    }
  }

  private final ConnectionLimits limits;
  private final Map<EndPoint, Tracked> open = new ConcurrentHashMap<>();
  private final Map<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final LongAdder shedCount = new LongAdder();
  private final LongAdder cutCount = new LongAdder();
  private @Nullable ScheduledExecutorService sweeper;
  private long lastReport = System.nanoTime();

  ConnectionGuard(ConnectionLimits limits) {
    this.limits = limits;
  }

  ConnectionLimits limits() {
    return limits;
  }

  @Override
  protected void doStart() {
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dfs-header-deadline");
              t.setDaemon(true);
              return t;
            });
    // stopped with the sweeper (doStop), not through the returned future
    Future<?> unused =
        sweeper.scheduleWithFixedDelay(
            this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() {
    if (sweeper != null) sweeper.shutdownNow();
  }

  @Override
  public void onOpened(Connection connection) {
    EndPoint endPoint = connection.getEndPoint();
    if (endPoint instanceof SslConnection.SslEndPoint) return; // the TLS connection is tracked
    InetAddress client = address(endPoint.getRemoteSocketAddress());
    int all = total.incrementAndGet();
    int mine = perClient.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet();
    boolean shed = all > limits.maxConnections() || mine > limits.maxPerClient();
    if (shed) {
      shedCount.increment();
      endPoint.setIdleTimeout(Math.min(5_000, limits.headerTimeout().toMillis()));
    }
    open.put(endPoint, new Tracked(connection, client, shed, System.nanoTime()));
  }

  @Override
  public void onClosed(Connection connection) {
    Tracked t = open.remove(connection.getEndPoint());
    if (t == null) return;
    total.decrementAndGet();
    perClient.computeIfPresent(t.client, (c, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  /** The tracked network connection a request arrived on, or null. */
  @Nullable Tracked of(Connection connection) {
    EndPoint endPoint = connection.getEndPoint();
    if (endPoint instanceof SslConnection.SslEndPoint ssl) {
      endPoint = ssl.getSslConnection().getEndPoint();
    }
    return open.get(endPoint);
  }

  /** A request's headers arrived: its deadline no longer applies. */
  static void requestStarted(Tracked t) {
    t.inRequest = true;
    t.headerStart = 0;
  }

  /** A request was answered: the next one's deadline starts with its first byte. */
  static void requestEnded(Tracked t) {
    t.bytesMark = t.connection.getBytesIn();
    t.inRequest = false;
  }

  /** Open network connections now. */
  int openConnections() {
    return total.get();
  }

  /** Connections answered 503 for exceeding a limit, and cut at the header deadline, so far. */
  long shed() {
    return shedCount.sum();
  }

  long cut() {
    return cutCount.sum();
  }

  private void sweep() {
    try {
      long now = System.nanoTime();
      long deadline = limits.headerTimeout().toNanos();
      for (Tracked t : open.values()) {
        if (t.inRequest) continue;
        long start = t.headerStart;
        if (start == 0) {
          if (t.connection.getBytesIn() <= t.bytesMark) continue; // idle between requests
          t.headerStart = now;
          continue;
        }
        if (now - start > deadline) {
          cutCount.increment();
          t.connection.getEndPoint().close();
        }
      }
      report(now);
    } catch (RuntimeException e) {
      LOG.warn("header deadline sweep failed: {}", e.toString());
    }
  }

  private long reportedShed;
  private long reportedCut;

  /** One WARN line per period while limits act, not one per connection. */
  private void report(long now) {
    if (now - lastReport < REPORT_NANOS) return;
    lastReport = now;
    long shedNow = shed();
    long cutNow = cut();
    if (shedNow == reportedShed && cutNow == reportedCut) return;
    LOG.warn(
        "connection limits acting: {} connection(s) over a limit (answered 503 SlowDown), {} cut at the"
            + " {} s header deadline in the last {} s; {} open (limit {}, {} per client)",
        shedNow - reportedShed,
        cutNow - reportedCut,
        limits.headerTimeout().toSeconds(),
        TimeUnit.NANOSECONDS.toSeconds(REPORT_NANOS),
        openConnections(),
        limits.maxConnections(),
        limits.maxPerClient());
    reportedShed = shedNow;
    reportedCut = cutNow;
  }

  private static InetAddress address(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress();
    }
    return InetAddress.getLoopbackAddress(); // unix sockets: one client
  }
}
