package dev.dfs.server;

import dev.dfs.admin.AdminHandler;
import dev.dfs.server.cluster.ClusterFront;
import dev.dfs.store.ClusterView;
import dev.dfs.util.RequestIds;
import org.eclipse.jetty.server.Handler;

/**
 * The one place {@link DfsServer} touches the cluster front. Its methods are only called when the
 * engine offers a {@link ClusterView}, and their signatures name no front class, so a single-node
 * server never loads the front, its proxy or Jetty's proxy module.
 */
final class ClusterFronts {
  private ClusterFronts() {}

  /**
   * The front for {@code view}'s node in front of {@code next} (the S3 and management handlers),
   * stamping and checking forwarded requests with the server's {@code clock}.
   */
  static Handler install(
      ClusterView view,
      AdminHandler admin,
      RequestIds requestIds,
      java.time.Clock clock,
      java.util.function.Supplier<java.util.List<java.security.cert.X509Certificate>> own,
      Handler next) {
    return ClusterFront.install(view, admin::takes, requestIds, clock, own, next);
  }

  /** Requests {@code front} (from {@link #install}) forwarded to the leader. */
  static long forwardedRequests(Handler front) {
    return ((ClusterFront) front).forwardedRequests();
  }
}
