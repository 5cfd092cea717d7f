package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.OutputStreamRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.jspecify.annotations.Nullable;

/**
 * The calling side of {@link ChunkHandler}: signs every request with the cluster secret, speaks the
 * cluster's {@link PeerTransport} (plain HTTP or mutual TLS), and streams bodies both ways through
 * {@link FrameOutput}/{@link FrameInput}. Connecting is bounded by {@code connectTimeout}; every
 * wait for bytes (either direction, and for a response) by {@code idleTimeout}, so a dead or
 * stalled peer fails a call instead of hanging it. Transport failures are {@link
 * ReplicaException}s. Thread-safe; {@link #close} stops the HTTP client.
 */
public final class ChunkClient implements AutoCloseable {
  private final HttpClient http;
  private final ClusterSecret secret;
  private final PeerTransport transport;
  private final Clock clock;
  private final long idleMillis;

  private ChunkClient(
      HttpClient http,
      ClusterSecret secret,
      PeerTransport transport,
      Clock clock,
      long idleMillis) {
    this.http = http;
    this.secret = secret;
    this.transport = transport;
    this.clock = clock;
    this.idleMillis = idleMillis;
  }

  /** A plain-HTTP client ({@link PeerTransport#plain}). */
  public static ChunkClient start(
      ClusterSecret secret, Clock clock, Duration connectTimeout, Duration idleTimeout)
      throws Exception {
    return start(secret, PeerTransport.plain(), clock, connectTimeout, idleTimeout);
  }

  /**
   * A client speaking {@code transport} to every peer, whatever scheme a peer's address names (the
   * cluster's nodes all speak the same one).
   */
  public static ChunkClient start(
      ClusterSecret secret,
      PeerTransport transport,
      Clock clock,
      Duration connectTimeout,
      Duration idleTimeout)
      throws Exception {
    HttpClient http = new HttpClient();
    transport.configure(http);
    http.setName("dfs-chunk-client");
    http.setConnectTimeout(connectTimeout.toMillis());
    http.setIdleTimeout(idleTimeout.toMillis());
    http.setFollowRedirects(false);
    http.setUserAgentField(null);
    http.setMaxConnectionsPerDestination(256);
    http.start();
    return new ChunkClient(http, secret, transport, clock, idleTimeout.toMillis());
  }

  /** The {@link ReplicaStore} of a remote node. */
  ReplicaStore store(Node node) {
    return new ReplicaStore() {
      @Override
      public ReplicaUpload upload(ChunkId id, long size) {
        return put(node, id, size);
      }

      @Override
      public InputStream read(ChunkId id, long length, long offset, long count) throws IOException {
        return get(node, id, length, offset, count);
      }

      @Override
      public void delete(ChunkId id) throws IOException {
        ChunkClient.this.delete(node, id);
      }
    };
  }

  /** Starts a streaming PUT of the chunk to {@code node}. */
  ReplicaUpload put(Node node, ChunkId id, long size) {
    String pathQuery = "/v1/chunks/" + id.hex() + "?size=" + size;
    RequestSignature sig = RequestSignature.sign(secret, "PUT", pathQuery, clock.millis());
    Request request = request(node, "PUT", pathQuery, sig);
    OutputStreamRequestContent content = new OutputStreamRequestContent("application/octet-stream");
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request.body(content).send(listener);
    FrameOutput frames =
        new FrameOutput(content.getOutputStream(), BodyMac.of(secret, sig.signatureBytes()));
    return new ReplicaUpload() {
      @Override
      public void write(byte[] block, int len) throws IOException {
        try {
          frames.write(block, 0, len);
        } catch (IOException e) {
          throw new ReplicaException(ReplicaFault.WRITE_FAILED, node.id() + ": " + e, e);
        }
      }

      @Override
      public void complete() throws IOException {
        int status;
        try {
          frames.finish();
          content.getOutputStream().close();
          status = await(listener, node).getStatus();
          listener.getInputStream().close();
        } catch (ReplicaException e) {
          throw new ReplicaException(ReplicaFault.WRITE_FAILED, e.getMessage(), e);
        } catch (IOException e) {
          throw new ReplicaException(ReplicaFault.WRITE_FAILED, node.id() + ": " + e, e);
        }
        if (status != 204) {
          throw new ReplicaException(ReplicaFault.WRITE_FAILED, node.id() + " answered " + status);
        }
      }

      @Override
      public void abort() {
        // whether the request was still running does not matter to the writer
        Future<?> unused = request.abort(new IOException("replica write aborted"));
      }
    };
  }

  /** A verified, framed read; see {@link ReplicaStore#read}. */
  InputStream get(Node node, ChunkId id, long length, long offset, long count) throws IOException {
    String pathQuery =
        "/v1/chunks/" + id.hex() + "?length=" + length + "&offset=" + offset + "&count=" + count;
    RequestSignature sig = RequestSignature.sign(secret, "GET", pathQuery, clock.millis());
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request(node, "GET", pathQuery, sig).send(listener);
    Response response = await(listener, node);
    InputStream body = listener.getInputStream();
    if (response.getStatus() != 200) {
      body.close();
      if (response.getStatus() == 404)
        throw new ReplicaException(ReplicaFault.MISSING, node.id() + " has no chunk " + id);
      throw new ReplicaException(
          ReplicaFault.UNREACHABLE, node.id() + " answered " + response.getStatus());
    }
    return new FrameInput(body, null, count);
  }

  /** The chunk's length on {@code node} (-1: damaged), or empty if it has none. */
  public OptionalLong head(Node node, ChunkId id) throws IOException {
    ContentResponse r = simple(node, "HEAD", "/v1/chunks/" + id.hex());
    if (r.getStatus() == 404) return OptionalLong.empty();
    String len = r.getHeaders().get(ChunkHandler.LENGTH_HEADER);
    if (r.getStatus() != 200 || len == null) throw unexpected(node, r);
    return OptionalLong.of(Long.parseLong(len));
  }

  /** Deletes the chunk on {@code node}; a missing chunk is fine. */
  public void delete(Node node, ChunkId id) throws IOException {
    ContentResponse r = simple(node, "DELETE", "/v1/chunks/" + id.hex());
    if (r.getStatus() != 204) throw unexpected(node, r);
  }

  /** Up to {@code limit} chunks of {@code node} with ids above {@code after} (null: first). */
  public List<StoredChunk> list(Node node, @Nullable ChunkId after, int limit) throws IOException {
    String q = "/v1/chunks?limit=" + limit + (after == null ? "" : "&after=" + after.hex());
    ContentResponse r = simple(node, "GET", q);
    if (r.getStatus() != 200) throw unexpected(node, r);
    List<StoredChunk> out = new ArrayList<>();
    for (String line : r.getContentAsString().split("\n")) {
      if (line.isEmpty()) continue;
      int sp = line.indexOf(' ');
      ChunkId id = sp < 0 ? null : ChunkId.parseHex(line.substring(0, sp));
      if (id == null)
        throw new ReplicaException(ReplicaFault.UNREACHABLE, node.id() + ": bad listing line");
      out.add(new StoredChunk(id, Long.parseLong(line.substring(sp + 1))));
    }
    return out;
  }

  /** What {@code node} says about itself ({@code GET /v1/node}). */
  public NodeInfo nodeInfo(Node node) throws IOException {
    ContentResponse r = simple(node, "GET", "/v1/node");
    if (r.getStatus() != 200) throw unexpected(node, r);
    try {
      NodeInfo info = NodeInfo.decode(r.getContentAsString());
      if (!info.nodeId().equals(node.id())) {
        throw new ReplicaException(
            ReplicaFault.UNREACHABLE, node.address() + " says it is " + info.nodeId());
      }
      return info;
    } catch (IllegalArgumentException e) {
      throw new ReplicaException(
          ReplicaFault.UNREACHABLE, node.id() + ": bad node info: " + e.getMessage());
    }
  }

  /**
   * Sends a membership request ({@code POST /v1/members}, see {@link MemberRequests}) and returns
   * the answer, waiting up to {@code timeout} (a promotion waits for the new voter to catch up).
   * Transport failures are {@link ReplicaException}s.
   */
  public MemberRequests.Answer member(
      Node node, java.util.Map<String, String> params, Duration timeout) throws IOException {
    StringBuilder q = new StringBuilder("/v1/members");
    char sep = '?';
    for (var e : new java.util.TreeMap<>(params).entrySet()) {
      q.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
      sep = '&';
    }
    String pathQuery = q.toString();
    RequestSignature sig = RequestSignature.sign(secret, "POST", pathQuery, clock.millis());
    ContentResponse r =
        send(
            node,
            request(node, "POST", pathQuery, sig)
                .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    return new MemberRequests.Answer(r.getStatus(), r.getContentAsString());
  }

  /**
   * Sends a batch of reads to the leader's access log ({@code POST /v1/accesses}, see {@link
   * MemberRequests#accesses}) as a framed body bound to the signature, and returns the answer.
   * Transport failures are {@link ReplicaException}s.
   */
  public MemberRequests.Answer accesses(Node node, byte[] batch) throws IOException {
    String pathQuery = "/v1/accesses?size=" + batch.length;
    RequestSignature sig = RequestSignature.sign(secret, "POST", pathQuery, clock.millis());
    ByteArrayOutputStream framed = new ByteArrayOutputStream(batch.length + 64);
    FrameOutput frames = new FrameOutput(framed, BodyMac.of(secret, sig.signatureBytes()));
    for (int off = 0; off < batch.length; off += FrameOutput.MAX_FRAME) {
      frames.write(batch, off, Math.min(FrameOutput.MAX_FRAME, batch.length - off));
    }
    frames.finish();
    ContentResponse r =
        send(
            node,
            request(node, "POST", pathQuery, sig)
                .body(new BytesRequestContent("application/octet-stream", framed.toByteArray()))
                .timeout(idleMillis, TimeUnit.MILLISECONDS));
    return new MemberRequests.Answer(r.getStatus(), r.getContentAsString());
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Whether {@code node} answers an authenticated health check as the node it claims to be. */
  public boolean healthy(Node node) {
    try {
      ContentResponse r = simple(node, "GET", "/v1/health");
      return r.getStatus() == 200 && node.id().equals(r.getHeaders().get(ChunkHandler.NODE_HEADER));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Asks {@code node} for its metadata Raft term and leader ({@code GET /v1/term}, see {@link
   * MemberRequests#term}) without blocking: the future completes with the answer's text ({@code
   * "<term> <leader>"}) on 200, and fails on any other status, a transport failure, or no answer
   * within the timeout health checks use.
   */
  public CompletableFuture<String> term(Node node) {
    String pathQuery = "/v1/term";
    RequestSignature sig = RequestSignature.sign(secret, "GET", pathQuery, clock.millis());
    Request request =
        request(node, "GET", pathQuery, sig).timeout(idleMillis, TimeUnit.MILLISECONDS);
    return new CompletableResponseListener(request, 1024)
        .send()
        .thenApply(
            r -> {
              if (r.getStatus() != 200) throw new CompletionException(unexpected(node, r));
              return r.getContentAsString();
            });
  }

  private ContentResponse simple(Node node, String method, String pathQuery) throws IOException {
    RequestSignature sig = RequestSignature.sign(secret, method, pathQuery, clock.millis());
    return send(
        node, request(node, method, pathQuery, sig).timeout(idleMillis, TimeUnit.MILLISECONDS));
  }

  /**
   * Sends {@code request}; a transport failure or timeout is an UNREACHABLE {@link
   * ReplicaException}.
   */
  private static ContentResponse send(Node node, Request request) throws ReplicaException {
    try {
      return request.send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplicaException(ReplicaFault.UNREACHABLE, node.id() + ": interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ReplicaException(ReplicaFault.UNREACHABLE, node.id() + ": " + cause(e), e);
    }
  }

  private Request request(Node node, String method, String pathQuery, RequestSignature sig) {
    return http.newRequest(transport.base(node.address()).resolve(pathQuery))
        .method(method)
        .headers(h -> h.put(RequestSignature.HEADER, sig.headerValue()))
        .idleTimeout(idleMillis, TimeUnit.MILLISECONDS);
  }

  private Response await(InputStreamResponseListener listener, Node node) throws ReplicaException {
    try {
      return listener.get(idleMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplicaException(ReplicaFault.UNREACHABLE, node.id() + ": interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ReplicaException(ReplicaFault.UNREACHABLE, node.id() + ": " + cause(e), e);
    }
  }

  private static String cause(Exception e) {
    return String.valueOf(
        e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
  }

  private static ReplicaException unexpected(Node node, ContentResponse r) {
    return new ReplicaException(
        ReplicaFault.UNREACHABLE,
        node.id()
            + " answered "
            + r.getStatus()
            + " "
            + new String(
                r.getContent(), 0, Math.min(200, r.getContent().length), StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    http.stop();
  }
}
