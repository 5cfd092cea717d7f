package dev.dfs.store.cluster;

import dev.dfs.store.EngineBehaviourSuite;
import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;

/**
 * The engine behaviour suite over HTTP through one node of a 3-node cluster whose every node serves
 * S3, as a client pointed at any node sees it: by default a follower, so every write is forwarded
 * by its HTTP front to the leader's S3 listener and every read passes the follower's read barrier.
 * {@code -Ddfs.suite.node=leader|follower|n1|n2|n3} picks another node (n1..n3: whichever role it
 * has when the suite starts).
 */
class ClusterThroughNodeBehaviourTest extends EngineBehaviourSuite {
  private final DfsTestServer[] servers = new DfsTestServer[3];
  private ThreeNodeCluster cluster;
  private int chosen = -1;
  private int leader = -1;

  @Override
  protected DfsTestServer startDfs(Path dir) throws Exception {
    cluster = new ThreeNodeCluster(dir).startAll();
    leader = cluster.awaitLeader();
    for (int i = 0; i < 3; i++) {
      servers[i] = DfsTestServer.start(cluster.store(i));
      cluster.node(i).advertise(servers[i].endpoint());
    }
    cluster.awaitQuorum();
    chosen = chosen(System.getProperty("dfs.suite.node", "follower"), leader);
    awaitKnowsLeaderEndpoint(chosen, leader);
    DfsTestServer served = servers[chosen];
    servers[chosen] = null; // the suite closes it
    return served;
  }

  private static int chosen(String node, int leader) {
    return switch (node) {
      case "leader" -> leader;
      case "follower" -> (leader + 1) % 3;
      default -> Integer.parseInt(node.substring(1)) - 1;
    };
  }

  /** Forwarding needs the leader's S3 endpoint, which a node learns from its peer poll. */
  private void awaitKnowsLeaderEndpoint(int node, int leader) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (cluster.node(node).view().leader().flatMap(m -> m.s3Endpoint()).isEmpty()
        && node != leader) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("n" + (node + 1) + " never learnt the leader's endpoint");
      Thread.sleep(50);
    }
  }

  @Override
  protected void stopUpstream() throws Exception {
    try {
      if (chosen >= 0 && chosen != leader) {
        // the suite's writes really took the forwarding path
        org.assertj.core.api.Assertions.assertThat(
                cluster.node(chosen).view().status().counters().forwardedRequests())
            .isPositive();
      }
      for (DfsTestServer s : servers) {
        if (s != null) s.close();
      }
    } finally {
      if (cluster != null) cluster.close();
    }
  }
}
