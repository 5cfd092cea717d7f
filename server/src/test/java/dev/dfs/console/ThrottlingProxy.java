package dev.dfs.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 in front of a server whose browser-to-server bytes can be slowed down to
 * a rate shared by all connections (test scope): what Chromium's network conditions do for its
 * uploads, for a browser without them. The bytes pass unchanged, so a page served through the relay
 * signs its requests for the relay's host and port, and the server checks them as such. Each
 * connection costs two virtual threads.
 */
final class ThrottlingProxy implements AutoCloseable {
  private static final int CHUNK = 16 * 1024;

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile long uploadBytesPerSecond; // 0: no limit
  private long nextFree; // System.nanoTime() from which the next bytes may go (when limited)

  ThrottlingProxy(URI server) throws IOException {
    target = new InetSocketAddress(server.getHost(), server.getPort());
    listener = new ServerSocket();
    // small windows, so that the browser's bytes wait in the browser rather than in the kernel
    listener.setReceiveBufferSize(64 * 1024);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    Thread.ofVirtual().name("throttling-proxy").start(this::accept);
  }

  /** The relay's base URI (http, no trailing slash). */
  URI uri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Limits the browser-to-server bytes of all connections together; 0 lifts the limit. */
  void limitUploads(long bytesPerSecond) {
    uploadBytesPerSecond = bytesPerSecond;
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(client);
      try {
        Socket server = new Socket(target.getAddress(), target.getPort());
        open.add(server);
        Thread.ofVirtual().start(() -> relay(client, server, true));
        Thread.ofVirtual().start(() -> relay(server, client, false));
      } catch (IOException e) {
        closeBoth(client, client); // the server is gone: so is this connection, as it would be
      }
    }
  }

  private void relay(Socket from, Socket to, boolean upload) {
    byte[] buffer = new byte[CHUNK];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (upload) pace(n);
        out.write(buffer, 0, n);
      }
    } catch (IOException | InterruptedException e) {
      // a side reset the connection or the relay stops
    } finally {
      // browsers never half-close HTTP connections: when one side is done, so is the other, and a
      // request the browser gave up on (a paused upload) reaches the server cut short, as it would
      closeBoth(from, to);
    }
  }

  private void closeBoth(Socket a, Socket b) {
    for (Socket s : new Socket[] {a, b}) {
      open.remove(s);
      try {
        s.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  /** Waits until {@code n} more bytes fit into the shared rate. */
  private void pace(int n) throws InterruptedException {
    long rate = uploadBytesPerSecond;
    if (rate <= 0) return;
    long start;
    synchronized (this) {
      long now = System.nanoTime();
      nextFree = Math.max(nextFree, now);
      start = nextFree;
      nextFree += n * 1_000_000_000L / rate;
    }
    long wait = start - System.nanoTime();
    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) s.close();
    open.clear();
  }
}
