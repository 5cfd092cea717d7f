package dev.dfs.store.gateway;

import dev.dfs.store.EngineBehaviourSuite;
import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;

/** The behaviour suite on DFS's own local engine: the reference the gateways are held to. */
class LocalEngineBehaviourTest extends EngineBehaviourSuite {
  @Override
  protected DfsTestServer startDfs(Path dir) throws Exception {
    return DfsTestServer.start(dir.resolve("local"));
  }
}
