package dev.dfs.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * {@code DFS_ACCESS_LOG}: one JSON object a line per answered request (S3 and /api/v1): time,
 * request id, user and access key id, operation, bucket, key, status, bytes in and out, duration,
 * remote address. Never a secret, a signature or a query string (presigned URLs carry signatures
 * there). The S3 handler names the operation, bucket, key and caller as request attributes ({@link
 * #OPERATION} …); requests it never saw log "-". Each line is written and flushed whole under a
 * lock, so lines never interleave and a crash loses at most the line being written. Thread-safe.
 */
public final class AccessLog implements RequestLog, Closeable {
  public static final String OPERATION = "dev.dfs.access.operation";
  public static final String BUCKET = "dev.dfs.access.bucket";
  public static final String KEY = "dev.dfs.access.key";
  public static final String USER = "dev.dfs.access.user";
  public static final String ACCESS_KEY = "dev.dfs.access.accessKey";

  private static final JsonFactory JSON = new JsonFactory();
  private final OutputStream out;
  private final boolean owned;
  private final ReentrantLock lock = new ReentrantLock();

  private AccessLog(OutputStream out, boolean owned) {
    this.out = out;
    this.owned = owned;
  }

  /**
   * @param target {@code stdout}, or a file appended to (created if missing)
   * @throws IOException if the file cannot be opened
   */
  public static AccessLog open(String target) throws IOException {
    if ("stdout".equalsIgnoreCase(target)) return new AccessLog(System.out, false);
    return new AccessLog(new FileOutputStream(Path.of(target).toFile(), true), true);
  }

  /** Writes to {@code out} (tests). */
  public static AccessLog to(PrintStream out) {
    return new AccessLog(out, false);
  }

  @Override
  public void log(Request request, Response response) {
    byte[] line = line(request, response);
    lock.lock();
    try {
      out.write(line);
      out.flush();
    } catch (IOException e) {
      // an access log that cannot be written must not fail requests; the disk-full and
      // permission cases show in the server's own log once per failure burst at most
    } finally {
      lock.unlock();
    }
  }

  private static byte[] line(Request request, Response response) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.ofEpochMilli(Request.getTimeStamp(request)).toString());
      g.writeStringField("requestId", orDash(response.getHeaders().get("x-amz-request-id")));
      g.writeStringField("user", attribute(request, USER));
      g.writeStringField("accessKeyId", attribute(request, ACCESS_KEY));
      g.writeStringField("operation", attribute(request, OPERATION));
      g.writeStringField("method", request.getMethod());
      g.writeStringField("path", request.getHttpURI().getPath());
      g.writeStringField("bucket", attribute(request, BUCKET));
      g.writeStringField("key", attribute(request, KEY));
      g.writeNumberField("status", response.getStatus());
      g.writeNumberField("bytesIn", Request.getContentBytesRead(request));
      g.writeNumberField("bytesOut", Response.getContentBytesWritten(response));
      g.writeNumberField(
          "durationMs",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime()));
      g.writeStringField("remoteAddr", orDash(Request.getRemoteAddr(request)));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buf.write('\n');
    return buf.toByteArray();
  }

  private static String attribute(Request request, String name) {
    Object v = request.getAttribute(name);
    return v == null ? "-" : v.toString();
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  @Override
  public void close() throws IOException {
    if (owned) out.close();
  }
}
