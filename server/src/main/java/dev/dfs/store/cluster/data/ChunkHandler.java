package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node-to-node chunk API of one node ({@link ChunkService} serves it):
 *
 * <pre>
 *   PUT    /v1/chunks/{id}?size=N        framed body + HMAC trailer; 204 once fsynced
 *   GET    /v1/chunks/{id}?length=L&amp;offset=O&amp;count=C   framed verified bytes; 404 missing
 *   HEAD   /v1/chunks/{id}               X-Dfs-Chunk-Length (-1: damaged); 404 missing
 *   DELETE /v1/chunks/{id}               204 (missing is fine)
 *   GET    /v1/chunks?after={id}&amp;limit=N  "id length" lines in id order (repair scans)
 *   GET    /v1/health                    200, X-Dfs-Node: node id
 *   GET    /v1/node                      200, {@link NodeInfo} (zone, S3 endpoint, capacity)
 *   GET    /v1/term                      200, "term leader": this node's metadata Raft term and
 *                                         leader, for a peer's read barrier ({@link
 *                                         MemberRequests#term})
 *   POST   /v1/members?op=...            a membership request, answered by {@link MemberRequests}
 *   POST   /v1/accesses?size=N           framed body + HMAC trailer: reads for the leader's
 *                                         access log ({@link MemberRequests#accesses}); N at most
 *                                         {@link #MAX_ACCESS_BATCH}
 * </pre>
 *
 * Every request must carry a valid {@link RequestSignature}; any other is answered 403 with an
 * empty body and the connection closed, whatever was wrong (nothing to learn from it). A GET
 * streams bytes the local reader verified, re-framed with a CRC32C per frame; a copy that cannot be
 * read ends the stream with an error frame (headers are out by then), so the peer fails over.
 * Thread-safe; blocking (runs on virtual threads).
 */
final class ChunkHandler extends Handler.Abstract {
  static final String LENGTH_HEADER = "X-Dfs-Chunk-Length";
  static final String NODE_HEADER = "X-Dfs-Node";
  private static final Logger log = LoggerFactory.getLogger(ChunkHandler.class);
  private static final String CHUNKS = "/v1/chunks";

  /** The largest batch of reads a peer may send in one request. */
  static final long MAX_ACCESS_BATCH = 32L << 20;

  private final String nodeId;
  private final ChunkVolume volume;
  private final ClusterSecret secret;
  private final PeerAuthenticator auth;
  private final java.util.function.Supplier<NodeInfo> info;
  private final MemberRequests members;

  ChunkHandler(
      String nodeId,
      ChunkVolume volume,
      ClusterSecret secret,
      PeerAuthenticator auth,
      java.util.function.Supplier<NodeInfo> info,
      MemberRequests members) {
    this.info = info;
    this.members = members;
    this.nodeId = nodeId;
    this.volume = volume;
    this.secret = secret;
    this.auth = auth;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      String method = request.getMethod();
      RequestSignature sig =
          auth.verify(
              method,
              request.getHttpURI().getPathQuery(),
              request.getHeaders().get(RequestSignature.HEADER));
      if (sig == null) {
        log.debug(
            "refused an unauthenticated chunk request from {}", Request.getRemoteAddr(request));
        respond(response, 403, true);
      } else {
        route(method, request, response, sig);
      }
      callback.succeeded();
    } catch (Throwable t) {
      log.warn(
          "chunk request {} {} failed: {}",
          request.getMethod(),
          request.getHttpURI().getPath(),
          t.toString());
      callback.failed(t);
    }
    return true;
  }

  private void route(String method, Request request, Response response, RequestSignature sig)
      throws IOException {
    String path = request.getHttpURI().getPath();
    Fields query = Request.extractQueryParameters(request);
    if (path.equals("/v1/health") && method.equals("GET")) {
      response.getHeaders().put(NODE_HEADER, nodeId);
      respond(response, 200, false);
      return;
    }
    if (path.equals("/v1/node") && method.equals("GET")) {
      send(response, "text/plain; charset=utf-8", info.get().encode());
      return;
    }
    if (path.equals("/v1/term") && method.equals("GET")) {
      answer(response, members.term());
      return;
    }
    if (path.equals("/v1/members") && method.equals("POST")) {
      answer(response, members.handle(single(query)));
      return;
    }
    if (path.equals("/v1/accesses") && method.equals("POST")) {
      accesses(request, response, number(query, "size", -1), sig);
      return;
    }
    if (path.equals(CHUNKS) && method.equals("GET")) {
      list(response, query);
      return;
    }
    ChunkId id =
        path.startsWith(CHUNKS + "/")
            ? ChunkId.parseHex(path.substring(CHUNKS.length() + 1))
            : null;
    if (id == null) {
      respond(response, 404, true);
      return;
    }
    switch (method) {
      case "PUT" -> put(request, response, id, number(query, "size", -1), sig);
      case "GET" -> get(response, id, query);
      case "HEAD" -> head(response, id);
      case "DELETE" -> {
        volume.delete(id);
        respond(response, 204, false);
      }
      default -> respond(response, 405, true);
    }
  }

  private void put(Request request, Response response, ChunkId id, long size, RequestSignature sig)
      throws IOException {
    BodyMac mac = BodyMac.of(secret, sig.signatureBytes());
    InputStream body = new FrameInput(Content.Source.asInputStream(request), mac, size);
    try {
      // size -1: the writer reads to the end, which FrameInput reports only after the
      // trailer authenticated every byte; the chunk is published after that, never before
      volume.write(id, body, -1);
    } catch (IOException e) {
      log.debug("chunk {} not stored: {}", id, e.toString());
      respond(response, 400, true);
      return;
    }
    respond(response, 204, false);
  }

  /** Reads a whole authenticated batch of reads and hands it to {@link MemberRequests}. */
  private void accesses(Request request, Response response, long size, RequestSignature sig)
      throws IOException {
    if (size < 0 || size > MAX_ACCESS_BATCH) {
      respond(response, 400, true);
      return;
    }
    BodyMac mac = BodyMac.of(secret, sig.signatureBytes());
    byte[] batch;
    try (InputStream body = new FrameInput(Content.Source.asInputStream(request), mac, size)) {
      batch = body.readAllBytes(); // complete only once the trailer authenticated every byte
    } catch (IOException e) {
      log.debug("access batch refused: {}", e.toString());
      respond(response, 400, true);
      return;
    }
    answer(response, members.accesses(batch));
  }

  private void get(Response response, ChunkId id, Fields query) throws IOException {
    long length = number(query, "length", -1);
    long offset = number(query, "offset", 0);
    long count = number(query, "count", length - offset);
    if (length < 0 || offset < 0 || count < 0 || offset + count > length) {
      respond(response, 400, true);
      return;
    }
    InputStream in;
    try {
      in = volume.openRead(id, length, offset, count);
    } catch (ChunkVolume.MissingChunkException e) {
      respond(response, 404, false);
      return;
    } catch (IOException e) {
      in = null; // damaged (e.g. wrong length): said in-band below
    }
    response.setStatus(200);
    response.getHeaders().put("Content-Type", "application/octet-stream");
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      FrameOutput frames = new FrameOutput(out, null);
      if (in == null) {
        frames.fail(FrameOutput.REASON_DAMAGED);
        return;
      }
      try (InputStream verified = in) {
        stream(verified, frames, id);
      }
    }
  }

  private static void stream(InputStream verified, FrameOutput frames, ChunkId id)
      throws IOException {
    byte[] buf = new byte[FrameOutput.MAX_FRAME];
    while (true) {
      int n;
      try {
        n = verified.readNBytes(buf, 0, buf.length);
      } catch (IOException damaged) {
        log.warn("chunk {} could not be served: {}", id, damaged.getMessage());
        frames.fail(FrameOutput.REASON_DAMAGED);
        return;
      }
      if (n > 0) frames.write(buf, 0, n);
      if (n < buf.length) break;
    }
    frames.finish();
  }

  private void head(Response response, ChunkId id) throws IOException {
    OptionalLong len = volume.length(id);
    if (len.isEmpty()) {
      respond(response, 404, false);
      return;
    }
    response.getHeaders().put(LENGTH_HEADER, Long.toString(len.getAsLong()));
    respond(response, 200, false);
  }

  private void list(Response response, Fields query) throws IOException {
    String after = query.getValue("after");
    ChunkId from = after == null ? null : ChunkId.parseHex(after);
    int limit = (int) Math.max(1, Math.min(10_000, number(query, "limit", 1000)));
    StringBuilder sb = new StringBuilder();
    for (ChunkVolume.StoredChunk c : volume.list(from, limit)) {
      sb.append(c.id().hex()).append(' ').append(c.length()).append('\n');
    }
    send(response, "text/plain", sb.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** The query parameters, the first value of each. */
  private static java.util.Map<String, String> single(Fields query) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (Fields.Field f : query) out.put(f.getName(), f.getValue());
    return out;
  }

  /** Sends a membership, access or term answer: its status and its text. */
  private static void answer(Response response, MemberRequests.Answer a) throws IOException {
    send(
        response,
        a.status(),
        "text/plain; charset=utf-8",
        a.text().getBytes(StandardCharsets.UTF_8));
  }

  private static void send(Response response, String type, byte[] body) throws IOException {
    send(response, 200, type, body);
  }

  private static void send(Response response, int status, String type, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", type);
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
    }
  }

  /** An empty response; {@code close}: the request body may be unread, drop the connection. */
  private static void respond(Response response, int status, boolean close) throws IOException {
    response.setStatus(status);
    if (close) response.getHeaders().put("Connection", "close");
    response.getHeaders().put("Content-Length", "0");
    Content.Sink.asOutputStream(response).close();
  }

  private static long number(Fields query, String name, long dflt) {
    String v = query.getValue(name);
    if (v == null) return dflt;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE; // refused by the range checks of the caller
    }
  }
}
