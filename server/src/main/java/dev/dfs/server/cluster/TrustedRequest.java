package dev.dfs.server.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * A request a peer forwarded with a valid signature, as the handlers behind the cluster front see
 * it: with the client's own address and transport in place of the peer's. Everything that reads the
 * client address ({@code Request.getRemoteAddr}: SigV4's request record, {@code aws:SourceIp} in
 * policies, request logs) and {@code isSecure} ({@code aws:SecureTransport}, SSE-C) thus sees the
 * client, never the forwarding node. The {@code Expect} header the forwarding node answered itself
 * ({@link ContinueHere}) is back in its headers, as the client sent it. Lives for one request;
 * thread-safe as the request.
 */
final class TrustedRequest extends Request.Wrapper {
  private final ConnectionMetaData connection;
  private final boolean secure;
  private final HttpFields headers;

  private TrustedRequest(
      Request request, ConnectionMetaData connection, boolean secure, HttpFields headers) {
    super(request);
    this.connection = connection;
    this.secure = secure;
    this.headers = headers;
  }

  /**
   * {@code request} as if {@code origin}'s client had sent it directly; empty when the signed
   * address is not an IP literal (no peer sends one).
   */
  static Optional<Request> from(Request request, ForwardedFor origin) {
    InetAddress client = literal(origin.clientAddress());
    if (client == null) return Optional.empty();
    SocketAddress remote = new InetSocketAddress(client, 0);
    ConnectionMetaData connection =
        new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
          @Override
          public SocketAddress getRemoteSocketAddress() {
            return remote;
          }

          @Override
          public boolean isSecure() {
            return origin.secure();
          }
        };
    HttpFields headers =
        origin.expect().isEmpty()
            ? request.getHeaders()
            : HttpFields.build(request.getHeaders()).put(HttpHeader.EXPECT, origin.expect());
    return Optional.of(new TrustedRequest(request, connection, origin.secure(), headers));
  }

  private static @Nullable InetAddress literal(String address) {
    String bare =
        address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1)
            : address;
    // IP literals only: getByName must never turn a header into a DNS lookup
    boolean ipv4 =
        !bare.isEmpty() && bare.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if (!ipv4 && bare.indexOf(':') < 0) return null;
    try {
      return InetAddress.getByName(bare);
    } catch (UnknownHostException e) {
      return null; // a malformed literal: signed by a peer, but no address
    }
  }

  @Override
  public ConnectionMetaData getConnectionMetaData() {
    return connection;
  }

  /** With the client's {@code Expect} header back when the forwarding node answered it. */
  @Override
  public HttpFields getHeaders() {
    return headers;
  }

  @Override
  public boolean isSecure() {
    return secure;
  }
}
