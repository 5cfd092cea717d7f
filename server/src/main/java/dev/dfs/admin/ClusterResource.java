package dev.dfs.admin;

import dev.dfs.store.ClusterAdmin;
import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterView;
import dev.dfs.store.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/cluster}: the cluster as the answering node sees it, from {@link
 * ClusterView#status()}. Shape: {@code nodeId}, {@code leaderId} (null while none is known), {@code
 * inQuorum}, {@code term}, {@code commitIndex}, {@code appliedIndex}, {@code replicationFactor},
 * {@code underReplicatedChunks}, {@code members[]} ({@code id}, {@code role}, {@code zone}, {@code
 * health}, {@code clusterAddress}, {@code s3Endpoint}, {@code capacityBytes}, {@code usedBytes},
 * {@code matchIndex}, {@code replicationLag} = commitIndex − matchIndex, {@code lastSeen}, {@code
 * voting}, {@code chunksRepaired}, {@code bytesRepaired}: each member's own repair counters as it
 * last told this node; unknown values are null), {@code counters} and {@code repair} (see {@link
 * ClusterStatus.Repair}: {@code chunksToGo}, {@code bytesToGo}, {@code bytesPerSecond}, {@code
 * etaSeconds} (null: unknown), {@code chunksRepaired}, {@code bytesRepaired}, {@code failures},
 * {@code fullPassRunning}, {@code lastFullPass}, {@code deadNodes}, {@code scrubbedChunks}, {@code
 * scrubbedBytes}, {@code scrubCorrupt}, {@code lastScrubPass}, and {@code gc}: see {@link
 * ClusterStatus.Gc}), and {@code layout} ({@link LayoutResource#view}, without the staged moves:
 * version, active versions, nodes and the rebalance's progress). The changes ({@code promote},
 * {@code remove}, {@code transferLeader}) go to {@link ClusterAdmin}; a refusal maps to 404
 * NoSuchMember, 409 MembershipConflict, 400 InvalidArgument or 503 ServiceUnavailable with the
 * reason. Roles and health are lower case. On an engine without a cluster it answers 404 {@code
 * NotACluster}, as {@code /metrics} answers 404 when metrics are off. Thread-safe.
 */
final class ClusterResource {
  private final ObjectStore store;

  ClusterResource(ObjectStore store) {
    this.store = store;
  }

  void cluster(AdminCall call) {
    Optional<ClusterView> view = store.cluster();
    if (view.isEmpty()) {
      call.error(
          404,
          "NotACluster",
          "The "
              + store.engineName()
              + " engine is not a cluster;"
              + " /api/v1/cluster answers only on nodes started with STORAGE_ENV=cluster.");
      return;
    }
    Map<String, Object> body =
        new java.util.LinkedHashMap<>(view(view.get().status(), view.get().inQuorum()));
    view.get()
        .admin()
        .ifPresent(
            a -> {
              try {
                body.put("layout", LayoutResource.view(a.layoutStatus()));
              } catch (ClusterAdmin.Refused e) {
                body.put("layout", null); // not readable now: the rest of the status still answers
              }
            });
    call.json(200, body);
  }

  /** {@code POST /api/v1/cluster/members/{id}/promote}. */
  void promote(AdminCall call) {
    String id = call.path("id");
    change(
        call,
        "promote",
        admin -> {
          admin.promote(id);
          return id;
        });
  }

  /** {@code DELETE /api/v1/cluster/members/{id}}. */
  void remove(AdminCall call) {
    String id = call.path("id");
    change(
        call,
        "remove",
        admin -> {
          admin.remove(id);
          return id;
        });
  }

  /**
   * {@code POST /api/v1/cluster/members/{id}/drain}: starts draining the node (idempotent) and
   * answers the progress: {@code operation}, {@code nodeId}, {@code chunksHeld}, {@code
   * chunksToGo}, {@code bytesToGo}, {@code safeToRemove}.
   */
  void drain(AdminCall call) {
    String id = call.path("id");
    answer(
        call,
        admin -> {
          ClusterAdmin.Drain d = admin.drain(id);
          return AdminJson.obj(
              "operation",
              "drain",
              "nodeId",
              d.nodeId(),
              "chunksHeld",
              d.chunksHeld(),
              "chunksToGo",
              d.chunksToGo(),
              "bytesToGo",
              d.bytesToGo(),
              "safeToRemove",
              d.safeToRemove());
        });
  }

  /** {@code POST /api/v1/cluster/transfer-leader[?node=ID]}. */
  void transferLeader(AdminCall call) {
    String to = call.query("node");
    change(
        call,
        "transfer-leader",
        admin ->
            admin.transferLeadership(
                to == null || to.isEmpty() ? Optional.empty() : Optional.of(to)));
  }

  /**
   * Runs one change on the cluster's admin and answers {@code {operation, nodeId}} or the refusal.
   */
  private void change(
      AdminCall call, String operation, java.util.function.Function<ClusterAdmin, String> work) {
    answer(call, admin -> AdminJson.obj("operation", operation, "nodeId", work.apply(admin)));
  }

  /** Runs one change on the cluster's admin and answers its JSON or the refusal. */
  void answer(AdminCall call, java.util.function.Function<ClusterAdmin, Map<String, Object>> work) {
    Optional<ClusterAdmin> admin = store.cluster().flatMap(ClusterView::admin);
    if (admin.isEmpty()) {
      call.error(
          404,
          "NotACluster",
          "The "
              + store.engineName()
              + " engine is not a cluster;"
              + " cluster changes are made on nodes started with STORAGE_ENV=cluster.");
      return;
    }
    try {
      call.json(200, work.apply(admin.get()));
    } catch (ClusterAdmin.Refused e) {
      switch (e.kind()) {
        case NOT_FOUND -> call.error(404, "NoSuchMember", e.getMessage());
        case CONFLICT -> call.error(409, "MembershipConflict", e.getMessage());
        case INVALID -> call.error(400, "InvalidArgument", e.getMessage());
        case UNAVAILABLE -> call.error(503, "ServiceUnavailable", e.getMessage());
      }
    }
  }

  /**
   * {@code GET /api/v1/cluster/digest}: this node's metadata digest ({@code nodeId}, {@code
   * appliedTerm}, {@code appliedIndex}, {@code sha256}), taken from one snapshot. Nodes at the same
   * applied position must answer the same {@code sha256}. 404 {@code NotACluster} as {@link
   * #cluster}; 503 {@code ServiceUnavailable} if the node cannot read its metadata now (closing).
   */
  void digest(AdminCall call) {
    Optional<ClusterView> view = store.cluster();
    if (view.isEmpty()) {
      call.error(
          404,
          "NotACluster",
          "The "
              + store.engineName()
              + " engine is not a cluster;"
              + " /api/v1/cluster/digest answers only on nodes started with STORAGE_ENV=cluster.");
      return;
    }
    Optional<ClusterStatus.MetadataDigest> d = view.get().metadataDigest();
    if (d.isEmpty()) {
      call.error(
          503, "ServiceUnavailable", "This node cannot read its metadata now; retry shortly.");
      return;
    }
    call.json(
        200,
        AdminJson.obj(
            "nodeId",
            d.get().nodeId(),
            "appliedTerm",
            d.get().appliedTerm(),
            "appliedIndex",
            d.get().appliedIndex(),
            "sha256",
            d.get().sha256()));
  }

  static Map<String, Object> view(ClusterStatus s, boolean inQuorum) {
    List<Object> members = new ArrayList<>();
    for (ClusterStatus.Member m : s.members()) members.add(member(m, s.commitIndex()));
    ClusterStatus.Counters c = s.counters();
    return AdminJson.obj(
        "nodeId", s.nodeId(),
        "leaderId", s.leaderId().orElse(null),
        "inQuorum", inQuorum,
        "term", s.term(),
        "commitIndex", s.commitIndex(),
        "appliedIndex", s.appliedIndex(),
        "replicationFactor", s.replicationFactor(),
        "underReplicatedChunks", s.underReplicatedChunks(),
        "members", members,
        "counters",
            AdminJson.obj(
                "leaderChanges", c.leaderChanges(),
                "commits", c.commits(),
                "commitSeconds", c.commitNanos() / 1e9,
                "commitEntries", c.commitEntries(),
                "forwardedRequests", c.forwardedRequests(),
                "replicaFailovers", c.replicaFailovers()),
        "repair", repair(s.repair()));
  }

  private static Map<String, Object> repair(ClusterStatus.Repair r) {
    return AdminJson.obj(
        "chunksToGo", r.chunksToGo(),
        "bytesToGo", r.bytesToGo(),
        "bytesPerSecond", Math.round(r.bytesPerSecond()),
        "etaSeconds", known(r.etaSeconds()),
        "chunksRepaired", r.chunksRepaired(),
        "bytesRepaired", r.bytesRepaired(),
        "failures", r.repairFailures(),
        "fullPassRunning", r.fullPassRunning(),
        "lastFullPass", r.lastFullPass() == null ? null : r.lastFullPass().toString(),
        "deadNodes", r.deadNodes(),
        "scrubbedChunks", r.scrubbedChunks(),
        "scrubbedBytes", r.scrubbedBytes(),
        "scrubCorrupt", r.scrubCorrupt(),
        "lastScrubPass", r.lastScrubPass() == null ? null : r.lastScrubPass().toString(),
        "gc", gc(r.gc()),
        "drainingNodes", r.drainingNodes());
  }

  private static Map<String, Object> gc(ClusterStatus.Gc g) {
    return AdminJson.obj(
        "graceSeconds", g.graceSeconds(),
        "passRunning", g.passRunning(),
        "lastPass", g.lastPass() == null ? null : g.lastPass().toString(),
        "passes", g.passes(),
        "suspects", g.suspects(),
        "orphansRemoved", g.orphansRemoved(),
        "bytesRemoved", g.bytesRemoved(),
        "removalsKept", g.removalsKept());
  }

  private static Map<String, Object> member(ClusterStatus.Member m, long commitIndex) {
    boolean matchKnown = m.matchIndex() >= 0;
    return AdminJson.obj(
        "id", m.id(),
        "role", m.role().name().toLowerCase(Locale.ROOT),
        "zone", m.zone() == null || m.zone().isEmpty() ? null : m.zone(),
        "health", m.health().name().toLowerCase(Locale.ROOT),
        "clusterAddress", m.clusterAddress(),
        "s3Endpoint", m.s3Endpoint().map(Object::toString).orElse(null),
        "capacityBytes", known(m.capacityBytes()),
        "usedBytes", known(m.usedBytes()),
        "matchIndex", known(m.matchIndex()),
        // a follower can briefly hold entries the leader has not yet counted as committed
        "replicationLag", matchKnown ? Math.max(0, commitIndex - m.matchIndex()) : null,
        "lastSeen", m.lastSeen() == null ? null : m.lastSeen().toString(),
        "voting", m.voting(),
        "chunksRepaired", known(m.chunksRepaired()),
        "bytesRepaired", known(m.bytesRepaired()));
  }

  /** -1 (unknown) becomes null. */
  private static @Nullable Long known(long v) {
    return v < 0 ? null : v;
  }
}
