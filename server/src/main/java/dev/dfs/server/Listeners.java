package dev.dfs.server;

import org.jspecify.annotations.Nullable;

/**
 * Where the server listens: plain HTTP and/or HTTPS on one host address.
 *
 * @param httpPort port of the plain-HTTP listener, 0 for any free port, -1 for none
 * @param tlsPort port of the HTTPS listener, 0 for any free port, -1 for none
 * @param tls the certificate and key for HTTPS; required exactly when {@code tlsPort >= 0}
 */
public record Listeners(String host, int httpPort, int tlsPort, @Nullable TlsMaterial tls) {
  public Listeners {
    if ((tlsPort >= 0) != (tls != null)) {
      throw new IllegalArgumentException("an HTTPS port needs TLS material and vice versa");
    }
    if (httpPort < 0 && tlsPort < 0) {
      throw new IllegalArgumentException("at least one listener is needed");
    }
  }

  /** Plain HTTP only. */
  public static Listeners http(String host, int port) {
    return new Listeners(host, port, -1, null);
  }
}
