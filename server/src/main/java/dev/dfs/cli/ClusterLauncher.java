package dev.dfs.cli;

import dev.dfs.server.config.DfsConfig;
import dev.dfs.store.cluster.ClusterNode;
import dev.dfs.store.cluster.meta.ClusterSettings;
import dev.dfs.store.cluster.meta.RaftTuning;
import dev.dfs.store.cluster.repair.RepairSettings;
import dev.dfs.store.local.LocalStoreOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts this process's cluster node ({@code STORAGE_ENV=cluster}). The only class of the CLI that
 * names cluster classes, and it is reached only on that path, so the local engine's start-up loads
 * none of them (LocalEngineLoadsNoClusterClassTest).
 */
final class ClusterLauncher {
  private ClusterLauncher() {}

  /**
   * A started node: the store to serve, where to tell it its S3 listener is once bound, and the
   * replicated system table the cluster's users and keys live in.
   */
  record Started(
      dev.dfs.store.ObjectStore store,
      java.util.function.Consumer<java.net.URI> advertise,
      dev.dfs.util.SystemTable identityTable) {}

  /**
   * Checks the cluster settings together and starts the node on {@code data}.
   *
   * @throws IllegalArgumentException a setting is invalid (the message names it and what was
   *     expected)
   * @throws IOException the node could not start (ports taken, data dir unusable)
   */
  static Started start(DfsConfig config, Path data, LocalStoreOptions options) throws IOException {
    DfsConfig.Cluster c = config.cluster();
    ClusterSettings settings =
        ClusterSettings.parse(c.nodeId(), c.address(), c.seeds(), c.secret(), c.zone())
            .withTls(config.clusterTls());
    // what every node must share; only a keyed digest of it leaves the process
    String shared =
        config.rootAccessKey() + "\n" + config.rootSecretKey() + "\n" + config.masterKey();
    DfsConfig.Upkeep u = c.upkeep();
    RepairSettings repair =
        new RepairSettings(
            (long) u.repairMibPerSecond() << 20,
            Duration.ofSeconds(u.deadAfterSeconds()),
            Duration.ofSeconds(u.passPeriodSeconds()),
            (long) u.scrubMibPerSecond() << 20,
            Duration.ofSeconds(u.scrubPeriodSeconds()),
            Duration.ofSeconds(u.gcGraceSeconds()));
    ClusterNode node =
        ClusterNode.start(
            settings, data, options, c.replicationFactor(), RaftTuning.defaults(), shared, repair);
    return new Started(
        node.store(), node::advertise, node.systemTable(dev.dfs.identity.IdentityStores.TABLE));
  }
}
