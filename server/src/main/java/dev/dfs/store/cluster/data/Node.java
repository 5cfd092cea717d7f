package dev.dfs.store.cluster.data;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A storage node as placement and transport see it. Immutable.
 *
 * @param id stable, unique node name (placement hashes it: renaming a node moves its data)
 * @param address base URI of the node's chunk service, e.g. {@code http://10.0.0.5:5556}
 * @param zone failure domain (rack, room, site); null when the node declares none, which makes it a
 *     zone of its own
 * @param weight relative capacity (e.g. TiB); placement gives a node a share of replicas in
 *     proportion to it; must be positive and finite
 * @param state membership state; only ACTIVE nodes receive new replicas
 */
public record Node(String id, URI address, @Nullable String zone, double weight, NodeState state) {
  public Node {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(state, "state");
    if (id.isEmpty()) throw new IllegalArgumentException("empty node id");
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("node " + id + ": weight must be positive, was " + weight);
    }
  }

  /** The zone placement spreads over: the declared zone, or one of the node's own. */
  String failureDomain() {
    return zone == null ? "\u0000node:" + id : zone;
  }
}
