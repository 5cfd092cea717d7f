package dev.dfs.store.cluster.meta;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.security.TlsConf;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;

/**
 * Mutual TLS for the metadata group's gRPC transport, keyed by the cluster secret: every Raft
 * connection (server to server, client requests, admin requests) is encrypted, and both ends
 * present the {@link SecretIdentity} and accept only it ({@link PinnedTrustManager}). A process
 * without the secret fails the handshake before any Raft message is read: it can neither vote,
 * append entries, nor submit requests.
 *
 * <p>The JDK's TLS is used, not the bundled OpenSSL: it needs no native library and leaves
 * certificate checking entirely to the pinned trust manager. Stateless.
 */
final class RaftTls {
  private RaftTls() {}

  /** Ratis parameters that turn on mutual TLS with the identity of {@code secret}. */
  static Parameters parameters(String secret) {
    SecretIdentity id = SecretIdentity.derive(secret);
    GrpcTlsConfig tls =
        GrpcTlsConfig.newBuilder()
            .setName("dfs-cluster")
            .setPrivateKey(new TlsConf.PrivateKeyConf(id.key()))
            .setKeyCertificates(new TlsConf.CertificatesConf(id.certificate()))
            .setTrustManager(new PinnedTrustManager(id.certificate()))
            .setMutualTls(true)
            .setSslProvider(SslProvider.JDK)
            .build();
    Parameters p = new Parameters();
    GrpcConfigKeys.TLS.setConf(p, tls);
    GrpcConfigKeys.Server.setTlsConf(p, tls);
    GrpcConfigKeys.Client.setTlsConf(p, tls);
    GrpcConfigKeys.Admin.setTlsConf(p, tls);
    return p;
  }
}
