package dev.dfs.store.cluster;

import dev.dfs.store.EngineBehaviourSuite;
import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;

/**
 * The engine behaviour suite on a 3-node cluster: DFS serves the leader's store, so every write is
 * replicated (chunks to 3 nodes, acknowledged at 2; metadata through Raft) and every read goes
 * through the replicated reader. (Through followers, writes are forwarded by the HTTP front; reads
 * there are checked by {@link ClusterEngineTest}.)
 */
class ClusterEngineBehaviourTest extends EngineBehaviourSuite {
  private ThreeNodeCluster cluster;

  @Override
  protected DfsTestServer startDfs(Path dir) throws Exception {
    cluster = new ThreeNodeCluster(dir).startAll();
    int leader = cluster.awaitLeader();
    return DfsTestServer.start(cluster.store(leader));
  }

  @Override
  protected void stopUpstream() throws Exception {
    if (cluster != null) cluster.close();
  }
}
