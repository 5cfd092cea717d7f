package dev.dfs.server.cluster;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * Whether a forwarding node answers a client's {@code Expect: 100-continue} itself, and the request
 * it then forwards: the same without the {@code Expect} header, so the leader gets headers and body
 * in one go.
 *
 * <p>Why: passed on, the header makes the hop wait for the leader's {@code 100} before it reads the
 * client's body, and the {@code 100} travel back through it: two more trips across the hop and two
 * more wake-ups on each node, for every PUT (SDKs send the header with every upload). Only bodies
 * of a known length up to {@link #UP_TO} are answered here: for them, a refusal by the leader after
 * the body was sent costs the client at most that much upload, which is what {@code 100-continue}
 * exists to save; a larger or unknown-length body keeps the leader's own {@code 100}. The header
 * the client sent travels signed in {@code X-Dfs-Forwarded-Expect} ({@link ForwardedFor}), and the
 * leader shows it to its handlers again ({@link TrustedRequest}), so a SigV4 signature that covers
 * it still verifies. The node's Jetty sends the client its {@code 100} when the proxy first reads
 * the body. Stateless.
 */
final class ContinueHere {
  /** The largest body a forwarding node asks for itself (as the server discards refused bodies). */
  static final long UP_TO = 1 << 20;

  private ContinueHere() {}

  /** The client's {@code Expect} header when this node answers it itself, else null. */
  static @Nullable String answered(Request request) {
    HttpField expect = request.getHeaders().getField(HttpHeader.EXPECT);
    if (expect == null) return null;
    if (!HttpHeaderValue.CONTINUE.asString().equalsIgnoreCase(expect.getValue().strip()))
      return null;
    long length = request.getLength();
    return length >= 0 && length <= UP_TO ? expect.getValue() : null;
  }

  /** {@code request} as the proxy sees it: its headers without {@code Expect}. */
  static Request withoutExpect(Request request) {
    HttpFields headers = HttpFields.build(request.getHeaders()).remove(HttpHeader.EXPECT);
    return new Request.Wrapper(request) {
      @Override
      public HttpFields getHeaders() {
        return headers;
      }
    };
  }
}
