package dev.dfs.store.cluster.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A node's cluster settings, validated: who it is, where it listens for other nodes, the initial
 * voters, the shared secret and its zone ({@code dfs server} reads them from flags, the environment
 * or {@code .env}). Immutable.
 *
 * <p>One address per node serves both node-to-node services: the chunk service (HTTP) listens on
 * its port, the metadata Raft server (gRPC) on the port after it ({@link #raft()}), so {@code
 * DFS_CLUSTER_ADDRESS} and every seed name a port from 1 to 65534 and peers must reach both ports.
 *
 * <p>A node whose id is among the seeds is one of the initial voters; a node whose id is not {@link
 * #joining()}: it asks the seeds (existing members) to add it as a learner.
 *
 * @param nodeId this node's id ({@code DFS_NODE_ID})
 * @param address where this node listens for other nodes ({@code DFS_CLUSTER_ADDRESS})
 * @param seeds the initial voters, in the order given ({@code DFS_CLUSTER_SEEDS}); for a joining
 *     node, any existing members
 * @param secret shared by every node ({@code DFS_CLUSTER_SECRET}); never printed
 * @param zone failure domain for replica placement ({@code DFS_ZONE})
 * @param tls whether the chunk service (chunk traffic, node polls, membership requests) speaks
 *     mutual TLS with the secret's identity ({@code DFS_CLUSTER_TLS}, resolved); every node of a
 *     cluster must agree. The Raft transport is mutual TLS either way.
 */
public record ClusterSettings(
    String nodeId, Endpoint address, List<Peer> seeds, String secret, String zone, boolean tls) {

  /** Shortest secret accepted: it keys an HMAC-SHA256 over every metadata log entry. */
  public static final int MIN_SECRET_LENGTH = 16;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\]");

  /** A host and TCP port. */
  public record Endpoint(String host, int port) {
    /** The same host, the next port: where the node's Raft server listens. */
    public Endpoint raft() {
      return new Endpoint(host, port + 1);
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** One voter of the metadata group. */
  public record Peer(String id, Endpoint address) {}

  public ClusterSettings {
    seeds = List.copyOf(seeds);
  }

  /**
   * Parses and checks the raw values; the chunk service's TLS is off ({@link #withTls}). Throws
   * {@link IllegalArgumentException} whose message names the setting, what was expected and (except
   * for the secret) what was given.
   */
  public static ClusterSettings parse(
      @Nullable String nodeId,
      @Nullable String address,
      @Nullable String seeds,
      @Nullable String secret,
      @Nullable String zone) {
    String id = id("DFS_NODE_ID", nodeId);
    Endpoint self = endpoint("DFS_CLUSTER_ADDRESS", address);
    List<Peer> peers = seeds("DFS_CLUSTER_SEEDS", seeds);
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid value for DFS_CLUSTER_SECRET: '***' (expected at least "
              + MIN_SECRET_LENGTH
              + " characters, the same on every node)");
    }
    String z = zone == null || zone.isBlank() ? "default" : zone.trim();
    if (!ID.matcher(z).matches()) throw invalid("DFS_ZONE", zone, "1 to 32 of a-z 0-9 -");
    return new ClusterSettings(id, self, peers, secret, z, false);
  }

  /**
   * These settings as the metadata Raft server uses them: every address (this node's and the
   * seeds') moved to its Raft port, the chunk port + 1.
   */
  public ClusterSettings raft() {
    return new ClusterSettings(
        nodeId,
        address.raft(),
        seeds.stream().map(p -> new Peer(p.id(), p.address().raft())).toList(),
        secret,
        zone,
        tls);
  }

  /** These settings with the chunk service's TLS on or off. */
  public ClusterSettings withTls(boolean on) {
    return new ClusterSettings(nodeId, address, seeds, secret, zone, on);
  }

  /** Whether this node is not one of the seeds: it joins an existing cluster as a learner. */
  public boolean joining() {
    return seeds.stream().noneMatch(p -> p.id().equals(nodeId));
  }

  @Override
  public String toString() {
    return "ClusterSettings[nodeId="
        + nodeId
        + ", address="
        + address
        + ", seeds="
        + seeds
        + ", secret=***, zone="
        + zone
        + ", tls="
        + tls
        + "]";
  }

  private static String id(String name, @Nullable String raw) {
    String v = raw == null ? "" : raw.trim();
    if (!ID.matcher(v).matches())
      throw invalid(name, raw, "1 to 32 of a-z 0-9 -, starting with a letter or digit");
    return v;
  }

  private static Endpoint endpoint(String name, @Nullable String raw) {
    String v = raw == null ? "" : raw.trim();
    int colon = v.lastIndexOf(':');
    if (colon <= 0) throw invalid(name, raw, "host:port");
    String host = v.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(v.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(
          name, raw, "host:port with a port from 1 to 65534 (the Raft server takes port + 1)");
    }
    if (port < 1 || port > 65534) {
      throw invalid(
          name, raw, "host:port with a port from 1 to 65534 (the Raft server takes port + 1)");
    }
    if (!HOST.matcher(host).matches())
      throw invalid(name, raw, "host:port with a host name or IP address");
    return new Endpoint(host, port);
  }

  private static List<Peer> seeds(String name, @Nullable String raw) {
    String expected = "id=host:port,... (e.g. n1=10.0.0.1:5556,n2=10.0.0.2:5556,n3=10.0.0.3:5556)";
    if (raw == null || raw.isBlank()) throw invalid(name, raw, expected);
    Map<String, Peer> byId = new LinkedHashMap<>();
    for (String item : raw.split(",")) {
      int eq = item.indexOf('=');
      if (eq < 0) throw invalid(name, raw, expected);
      String id = item.substring(0, eq).trim();
      if (!ID.matcher(id).matches()) throw invalid(name, raw, expected + "; bad id '" + id + "'");
      Endpoint at = endpoint(name, item.substring(eq + 1));
      if (byId.putIfAbsent(id, new Peer(id, at)) != null) {
        throw invalid(name, raw, "each id once; '" + id + "' repeats");
      }
    }
    List<Peer> peers = new ArrayList<>(byId.values());
    if (peers.stream().map(Peer::address).distinct().count() != peers.size()) {
      throw invalid(name, raw, "a different host:port per seed");
    }
    for (Peer p : peers) {
      if (peers.stream().anyMatch(q -> q.address().equals(p.address().raft()))) {
        throw invalid(
            name,
            raw,
            "ports at least 2 apart on one host ("
                + p.id()
                + "'s Raft server takes port "
                + p.address().raft().port()
                + ")");
      }
    }
    return peers;
  }

  private static IllegalArgumentException invalid(
      String name, @Nullable String raw, String expected) {
    return new IllegalArgumentException(
        "Invalid value for " + name + ": '" + raw + "' (expected " + expected + ")");
  }
}
