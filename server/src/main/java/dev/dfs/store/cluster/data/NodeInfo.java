package dev.dfs.store.cluster.data;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a node tells its peers about itself on {@code GET /v1/node} of its chunk service
 * (authenticated like every chunk request): its zone, its S3 endpoint (where followers forward
 * requests; empty until its listener is bound) and its data volume's size and use. Immutable.
 *
 * <p>Wire form: UTF-8 lines {@code key=value}; unknown keys are ignored, so a newer node can add
 * some.
 *
 * @param capacityBytes size of its data volume (-1 unknown)
 * @param usedBytes bytes in use on that volume (-1 unknown)
 * @param sharedDigest a keyed digest of the settings every node must share (root credentials,
 *     master key), so nodes notice a peer configured differently; empty: not told
 * @param chunksRepaired replicas its repair worker copied since it started (-1: not told, an older
 *     node)
 * @param bytesRepaired their bytes (-1: not told)
 */
public record NodeInfo(
    String nodeId,
    String zone,
    Optional<URI> s3Endpoint,
    long capacityBytes,
    long usedBytes,
    String sharedDigest,
    long chunksRepaired,
    long bytesRepaired) {

  /** A node that tells nothing of its repairs (-1). */
  public NodeInfo(
      String nodeId,
      String zone,
      Optional<URI> s3Endpoint,
      long capacityBytes,
      long usedBytes,
      String sharedDigest) {
    this(nodeId, zone, s3Endpoint, capacityBytes, usedBytes, sharedDigest, -1, -1);
  }

  byte[] encode() {
    String s =
        "id="
            + nodeId
            + "\nzone="
            + zone
            + "\ns3="
            + s3Endpoint.map(URI::toString).orElse("")
            + "\ncapacity="
            + capacityBytes
            + "\nused="
            + usedBytes
            + "\nshared="
            + sharedDigest
            + "\nrepairedChunks="
            + chunksRepaired
            + "\nrepairedBytes="
            + bytesRepaired
            + "\n";
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Parses {@link #encode}'s form; throws IllegalArgumentException on a malformed body. */
  static NodeInfo decode(String body) {
    Map<String, String> m = new HashMap<>();
    for (String line : body.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
    }
    String s3 = m.getOrDefault("s3", "");
    return new NodeInfo(
        m.getOrDefault("id", ""),
        m.getOrDefault("zone", ""),
        s3.isEmpty() ? Optional.empty() : Optional.of(URI.create(s3)),
        Long.parseLong(m.getOrDefault("capacity", "-1")),
        Long.parseLong(m.getOrDefault("used", "-1")),
        m.getOrDefault("shared", ""),
        Long.parseLong(m.getOrDefault("repairedChunks", "-1")),
        Long.parseLong(m.getOrDefault("repairedBytes", "-1")));
  }
}
