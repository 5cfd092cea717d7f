package dev.dfs.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.store.ClusterAdmin;
import dev.dfs.store.ClusterLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/cluster/layout}: the cluster's data layout, staged, shown, then applied (as
 * Garage's {@code layout assign/show/apply}), through {@link ClusterAdmin}:
 *
 * <ul>
 *   <li>{@code GET}: {@link #view} of the layout with the staged changes' predicted moves;
 *   <li>{@code PUT} {@code {"assign": [{"node": ID, "zone": Z, "capacity": W, "state":
 *       "active"|"draining"}]}} (fields other than node optional): stages the changes;
 *   <li>{@code POST} {@code {"version": N}}: applies the staged layout as version N, which must be
 *       the current version + 1 (409 otherwise: someone applied meanwhile);
 *   <li>{@code DELETE}: drops the staged changes.
 * </ul>
 *
 * Each answers the layout; refusals as {@link ClusterResource} maps them, a bad body 400 {@code
 * InvalidRequest}. Thread-safe.
 */
final class LayoutResource {
  private static final int MAX_BODY = 64 * 1024;

  private final ClusterResource cluster;

  LayoutResource(ClusterResource cluster) {
    this.cluster = cluster;
  }

  void get(AdminCall call) {
    cluster.answer(call, admin -> view(admin.layout()));
  }

  void stage(AdminCall call) throws IOException {
    List<ClusterLayout.Assignment> changes;
    try {
      changes = assignments(body(call));
    } catch (IllegalArgumentException e) {
      call.error(400, "InvalidRequest", e.getMessage());
      return;
    }
    cluster.answer(call, admin -> view(admin.stageLayout(changes)));
  }

  void apply(AdminCall call) throws IOException {
    long version;
    try {
      JsonNode v = body(call).get("version");
      if (v == null || !v.canConvertToLong())
        throw new IllegalArgumentException(
            "Give {\"version\": N}: the version"
                + " to create, the current one + 1 (GET shows it).");
      version = v.asLong();
    } catch (IllegalArgumentException e) {
      call.error(400, "InvalidRequest", e.getMessage());
      return;
    }
    cluster.answer(call, admin -> view(admin.applyLayout(version)));
  }

  void revert(AdminCall call) {
    cluster.answer(call, admin -> view(admin.revertLayout()));
  }

  private static JsonNode body(AdminCall call) throws IOException {
    return AdminJson.object(call.body(MAX_BODY), ".");
  }

  static List<ClusterLayout.Assignment> assignments(JsonNode body) {
    JsonNode list = body.get("assign");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(
          "Give {\"assign\": [{\"node\": ID, \"zone\": Z, \"capacity\": W,"
              + " \"state\": \"active\"|\"draining\"}]}.");
    }
    List<ClusterLayout.Assignment> out = new ArrayList<>();
    for (JsonNode a : list) {
      JsonNode node = a.get("node");
      JsonNode capacity = a.get("capacity");
      if (node == null || !node.isTextual())
        throw new IllegalArgumentException("Each assignment needs \"node\".");
      if (capacity != null && !capacity.isNull() && !capacity.isNumber()) {
        throw new IllegalArgumentException("\"capacity\" must be a number.");
      }
      out.add(
          new ClusterLayout.Assignment(
              node.asText(),
              text(a, "zone"),
              capacity == null || capacity.isNull()
                  ? Optional.empty()
                  : Optional.of(capacity.asDouble()),
              text(a, "state")));
    }
    return out;
  }

  private static Optional<String> text(JsonNode a, String field) {
    JsonNode v = a.get(field);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isTextual()) throw new IllegalArgumentException("\"" + field + "\" must be a string.");
    return Optional.of(v.asText());
  }

  /**
   * The layout as JSON: {@code version}, {@code activeVersions}, {@code nodes[]} ({@code id},
   * {@code address}, {@code zone}, {@code capacity}, {@code state}), {@code staged} (the same, or
   * null), {@code moves} ({@code chunks}, {@code bytes}, {@code byLink[]} of {@code from}, {@code
   * to}, {@code chunks}, {@code bytes}; null when not computed or nothing staged) and {@code
   * rebalance} ({@code moving}, {@code fromVersion}, {@code chunksPredicted}, {@code
   * bytesPredicted}, {@code chunksMoved}, {@code bytesMoved}, {@code chunksToGo}, {@code
   * bytesToGo}, {@code bytesPerSecond}, {@code etaSeconds} (null: unknown), {@code appliedAt}) and
   * {@code lastRebalance} (the last move that ended, until the next starts: {@code version}, {@code
   * chunksPredicted}, {@code bytesPredicted}, {@code chunksMoved}, {@code bytesMoved}, {@code
   * startedAt}, {@code finishedAt}; null while data moves or before any move ended).
   */
  static Map<String, Object> view(ClusterLayout l) {
    ClusterLayout.Rebalance r = l.rebalance();
    return AdminJson.obj(
        "version", l.version(),
        "activeVersions", l.activeVersions(),
        "nodes", nodes(l.nodes()),
        "staged", l.staged().map(LayoutResource::nodes).orElse(null),
        "moves",
            l.moves() == null
                ? null
                : AdminJson.obj(
                    "chunks",
                    l.moves().chunks(),
                    "bytes",
                    l.moves().bytes(),
                    "byLink",
                    l.moves().byLink().stream()
                        .map(
                            m ->
                                (Object)
                                    AdminJson.obj(
                                        "from",
                                        m.from(),
                                        "to",
                                        m.to(),
                                        "chunks",
                                        m.chunks(),
                                        "bytes",
                                        m.bytes()))
                        .toList()),
        "rebalance",
            AdminJson.obj(
                "moving", r.moving(),
                "fromVersion", r.moving() ? r.fromVersion() : l.version(),
                "chunksPredicted", r.chunksPredicted(),
                "bytesPredicted", r.bytesPredicted(),
                "chunksMoved", r.chunksMoved(),
                "bytesMoved", r.bytesMoved(),
                "chunksToGo", r.chunksToGo(),
                "bytesToGo", r.bytesToGo(),
                "bytesPerSecond", Math.round(r.bytesPerSecond()),
                "etaSeconds", r.etaSeconds() < 0 ? null : r.etaSeconds(),
                "appliedAt", r.appliedAt() == null ? null : r.appliedAt().toString()),
        "lastRebalance", l.lastRebalance().map(LayoutResource::last).orElse(null));
  }

  private static Map<String, Object> last(ClusterLayout.LastRebalance r) {
    return AdminJson.obj(
        "version", r.version(),
        "chunksPredicted", r.chunksPredicted(),
        "bytesPredicted", r.bytesPredicted(),
        "chunksMoved", r.chunksMoved(),
        "bytesMoved", r.bytesMoved(),
        "startedAt", r.startedAt().toString(),
        "finishedAt", r.finishedAt().toString());
  }

  private static List<Object> nodes(List<ClusterLayout.LayoutNode> nodes) {
    return nodes.stream()
        .map(
            n ->
                (Object)
                    AdminJson.obj(
                        "id",
                        n.id(),
                        "address",
                        n.address(),
                        "zone",
                        n.zone(),
                        "capacity",
                        n.capacity(),
                        "state",
                        n.state()))
        .toList();
  }
}
