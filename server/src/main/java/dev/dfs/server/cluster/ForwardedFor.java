package dev.dfs.server.cluster;

import dev.dfs.store.ClusterView;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * Who a forwarded request really came from: the client's address and whether it spoke TLS to the
 * node that forwarded it. The forwarding node sends it in {@code X-Dfs-Forwarded-*} headers signed
 * with {@link ClusterView#sign} over {@link #canonical}, replacing any the client sent; the
 * receiving node believes them only when {@link ClusterView#verify} passes and the timestamp is
 * within {@link #WINDOW_MILLIS} of its clock, and otherwise ignores them (nothing else reads them),
 * so a client can never claim another address. They are left in place either way: a client may have
 * signed them into its SigV4 signature. Immutable.
 *
 * <p>{@code X-Dfs-Forwarded-Expect} carries the client's {@code Expect} header when the forwarding
 * node answered it itself and sent the request on without it ({@link ContinueHere}); it is signed
 * with the rest, so the receiver puts back exactly the header the client sent (its SigV4 signature
 * may cover it) and nothing else.
 *
 * @param clientAddress the client's IP address as text, as the forwarding node saw it
 * @param secure whether the client's connection to the forwarding node was TLS
 * @param expect the client's {@code Expect} header, answered by the forwarding node; empty when the
 *     request travels with its own (or had none)
 */
public record ForwardedFor(String clientAddress, boolean secure, String expect) {
  static final String FOR = "X-Dfs-Forwarded-For";
  static final String PROTO = "X-Dfs-Forwarded-Proto";
  static final String AT = "X-Dfs-Forwarded-At";
  static final String EXPECT = "X-Dfs-Forwarded-Expect";
  static final String SIGNATURE = "X-Dfs-Forwarded-Signature";

  /** The origin of a request that travels with all its headers. */
  public ForwardedFor(String clientAddress, boolean secure) {
    this(clientAddress, secure, "");
  }

  /** This origin, for a request whose {@code Expect} header the forwarding node answered. */
  ForwardedFor answered(String clientExpect) {
    return new ForwardedFor(clientAddress, secure, clientExpect);
  }

  /**
   * How far the signing time may be from the receiver's clock, either way. Forwarding adds no delay
   * of its own (headers go out before the body), so this only has to cover clock skew between
   * nodes; short, so a captured request cannot be replayed for long.
   */
  static final long WINDOW_MILLIS = 30_000;

  /**
   * What is signed: the scheme's version, method, raw path and query exactly as they travel, client
   * address, protocol and signing time, one per line, then the answered {@code Expect} header when
   * there is one (so a request without one signs as before it existed). A change to any of them on
   * the way (or a replay onto another path) fails verification.
   */
  static String canonical(
      String method,
      String pathQuery,
      String clientAddress,
      String proto,
      String at,
      String expect) {
    String base = String.join("\n", "dfs-forward-v1", method, pathQuery, clientAddress, proto, at);
    return expect.isEmpty() ? base : base + "\n" + expect;
  }

  /**
   * Puts the signed headers for forwarding {@code request} (from this client) at {@code nowMillis}
   * into {@code out}, replacing any of the same names the client sent.
   */
  void sign(ClusterView view, Request request, long nowMillis, HttpFields.Mutable out) {
    String proto = secure ? "https" : "http";
    String at = Long.toString(nowMillis);
    String canonical =
        canonical(
            request.getMethod(),
            request.getHttpURI().getPathQuery(),
            clientAddress,
            proto,
            at,
            expect);
    out.put(FOR, clientAddress);
    out.put(PROTO, proto);
    out.put(AT, at);
    if (expect.isEmpty()) out.remove(EXPECT);
    else out.put(EXPECT, expect);
    out.put(SIGNATURE, view.sign(canonical));
  }

  /**
   * The forwarded origin {@code request} carries, if a cluster peer signed it for this very request
   * within the window; empty for anyone else (no headers, a bad or stale signature).
   */
  static Optional<ForwardedFor> verified(ClusterView view, Request request, long nowMillis) {
    HttpFields h = request.getHeaders();
    String signature = h.get(SIGNATURE);
    String client = h.get(FOR);
    String proto = h.get(PROTO);
    String at = h.get(AT);
    String expect = h.get(EXPECT);
    if (signature == null || client == null || proto == null || at == null) return Optional.empty();
    if (!proto.equals("http") && !proto.equals("https")) return Optional.empty();
    long signedAt;
    try {
      signedAt = Long.parseLong(at);
    } catch (NumberFormatException e) {
      return Optional.empty(); // not a peer's header: ignored like any other forgery
    }
    if (Math.abs(nowMillis - signedAt) > WINDOW_MILLIS) return Optional.empty();
    String answered = expect == null ? "" : expect;
    String canonical =
        canonical(
            request.getMethod(), request.getHttpURI().getPathQuery(), client, proto, at, answered);
    if (!view.verify(canonical, signature)) return Optional.empty();
    return Optional.of(new ForwardedFor(client, proto.equals("https"), answered));
  }
}
