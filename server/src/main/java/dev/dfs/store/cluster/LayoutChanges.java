package dev.dfs.store.cluster;

import dev.dfs.store.ClusterAdmin.Refused;
import dev.dfs.store.ClusterAdmin.Refused.Kind;
import dev.dfs.store.ClusterLayout;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Pure edits of a layout's node list: an operator's {@link ClusterLayout.Assignment}, a state
 * change, and the conversion to the API's {@link ClusterLayout.LayoutNode}. Stateless.
 */
final class LayoutChanges {
  private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private LayoutChanges() {}

  /**
   * {@code nodes} with node {@code id}'s state set to {@code state} (unchanged when it has no such
   * node).
   */
  static List<Node> withState(List<Node> nodes, String id, NodeState state) {
    List<Node> out = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      out.add(n.id().equals(id) ? new Node(n.id(), n.address(), n.zone(), n.weight(), state) : n);
    }
    return List.copyOf(out);
  }

  /**
   * {@code nodes} with {@code a} applied: a node in the list keeps what {@code a} leaves empty; a
   * node new to the layout is added (address from {@code addressOf}: its membership), active,
   * capacity 1, no zone unless {@code a} says.
   *
   * @throws Refused NOT_FOUND for a node that is neither in the list nor a member; INVALID for a
   *     bad zone, a capacity that is not positive and finite, or a state other than active or
   *     draining (a retired node comes back only under a new id)
   */
  static List<Node> assign(
      List<Node> nodes, ClusterLayout.Assignment a, Function<String, Optional<URI>> addressOf) {
    String zone = a.zone().map(LayoutChanges::validZone).orElse(null);
    if (a.capacity().isPresent()
        && !(a.capacity().get() > 0 && Double.isFinite(a.capacity().get()))) {
      throw new Refused(
          Kind.INVALID, "capacity must be a positive number, was " + a.capacity().get());
    }
    Optional<NodeState> state = a.state().map(LayoutChanges::validState);
    List<Node> out = new ArrayList<>(nodes.size() + 1);
    boolean found = false;
    for (Node n : nodes) {
      if (!n.id().equals(a.nodeId())) {
        out.add(n);
        continue;
      }
      found = true;
      if (n.state() == NodeState.RETIRED) {
        throw new Refused(
            Kind.CONFLICT, "node " + n.id() + " is retired; add a new node under another id");
      }
      out.add(
          new Node(
              n.id(),
              n.address(),
              zone != null ? zone : n.zone(),
              a.capacity().orElse(n.weight()),
              state.orElse(n.state())));
    }
    if (!found) {
      URI address =
          addressOf
              .apply(a.nodeId())
              .orElseThrow(
                  () ->
                      new Refused(
                          Kind.NOT_FOUND,
                          "node "
                              + a.nodeId()
                              + " is not a member of the cluster; start it with DFS_CLUSTER_SEEDS naming a member first"));
      out.add(
          new Node(
              a.nodeId(), address, zone, a.capacity().orElse(1.0), state.orElse(NodeState.ACTIVE)));
    }
    return List.copyOf(out);
  }

  /** The API's view of {@code n}. */
  static ClusterLayout.LayoutNode view(Node n) {
    return new ClusterLayout.LayoutNode(
        n.id(),
        n.address().getAuthority(),
        n.zone(),
        n.weight(),
        n.state().name().toLowerCase(Locale.ROOT));
  }

  /** The API's view of {@code nodes}. */
  static List<ClusterLayout.LayoutNode> view(List<Node> nodes) {
    return nodes.stream().map(LayoutChanges::view).toList();
  }

  private static String validZone(String zone) {
    if (!ZONE.matcher(zone).matches()) {
      throw new Refused(
          Kind.INVALID, "bad zone '" + zone + "': 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return zone;
  }

  private static NodeState validState(String state) {
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "active" -> NodeState.ACTIVE;
      case "draining" -> NodeState.DRAINING;
      default -> throw new Refused(Kind.INVALID, "bad state '" + state + "': active or draining");
    };
  }
}
