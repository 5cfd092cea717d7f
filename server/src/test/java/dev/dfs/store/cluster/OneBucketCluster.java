package dev.dfs.store.cluster;

import dev.dfs.store.ObjectRead;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.testing.DfsTestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A started {@link ThreeNodeCluster} in a temporary directory of its own, with the bucket {@value
 * #BUCKET} created through the leader: the engine-level cluster tests' common start, with writes
 * through the leader and linearized reads through any node. Closing stops the nodes and deletes the
 * directory. For tests; not thread-safe.
 */
final class OneBucketCluster implements AutoCloseable {
  static final String BUCKET = "b";

  /** Makes the (not yet started) cluster in {@code dir}. */
  @FunctionalInterface
  interface Maker {
    ThreeNodeCluster make(Path dir) throws IOException;
  }

  final Path dir;
  final ThreeNodeCluster cluster;

  /** The node that led when the bucket was created. */
  final int leader;

  private OneBucketCluster(Path dir, ThreeNodeCluster cluster, int leader) {
    this.dir = dir;
    this.cluster = cluster;
    this.leader = leader;
  }

  /** Starts {@code maker}'s cluster in a new directory named after {@code prefix}. */
  static OneBucketCluster start(String prefix, Maker maker) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    ThreeNodeCluster cluster = null;
    try {
      cluster = maker.make(dir).startAll();
      int leader = cluster.awaitLeader();
      cluster.store(leader).createBucket(BUCKET, "us-east-1");
      return new OneBucketCluster(dir, cluster, leader);
    } catch (IOException | RuntimeException | Error e) {
      try {
        if (cluster != null) cluster.close();
      } finally {
        DfsTestServer.deleteTree(dir);
      }
      throw e;
    }
  }

  /** Writes {@code body} as {@code key} through the leader. */
  void put(String key, byte[] body) throws IOException {
    cluster
        .store(leader)
        .putObject(
            PutObjectRequest.simple(BUCKET, key, body.length), new ByteArrayInputStream(body));
  }

  /** {@code key}'s bytes as node {@code node} serves them after a read barrier. */
  byte[] read(int node, String key) throws IOException {
    cluster.node(node).view().readBarrier();
    try (ObjectRead r = cluster.store(node).open(ReadRequest.of(BUCKET, key));
        InputStream in = r.stream(null)) {
      return in.readAllBytes();
    }
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Override
  public void close() throws IOException {
    try {
      cluster.close();
    } finally {
      DfsTestServer.deleteTree(dir);
    }
  }
}
