package dev.dfs.store.gateway;

import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;

/**
 * The behaviour suite on DFS in gateway mode whose upstream is another DFS on the local
 * engine (its own data directory, port and credentials). No known gaps.
 */
class GatewayOnDfsBehaviourTest extends EngineBehaviourSuite {
  private DfsTestServer upstream;

  @Override
  protected DfsTestServer startDfs(Path dir) throws Exception {
    upstream = DfsTestServer.start(dir.resolve("upstream"));
    return DfsTestServer.start(GatewayStore.open(GatewayOptions.of(upstream.endpoint(),
        "us-east-1", DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY, null, true,
        "gw1-", "us-east-1")));
  }

  @Override
  protected void stopUpstream() throws Exception {
    if (upstream != null) upstream.close();
  }
}
