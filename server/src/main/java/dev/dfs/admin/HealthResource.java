package dev.dfs.admin;

import dev.dfs.observe.Observability;
import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterView;
import dev.dfs.store.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/health} (liveness) and {@code GET /api/v1/ready} (readiness), both without
 * authentication. Readiness runs every check and answers 200 when all pass, else 503 naming the
 * first failing check and its reason: {@code store} (the engine's probe: metadata store open, data
 * directory writable, free space left), {@code workers} (the metrics sampler ran recently and every
 * watched background worker is alive: {@link #workersCheck}) and, on a clustered engine only,
 * {@code cluster} (this node is part of a working quorum: {@link ClusterView#inQuorum()}). Liveness
 * never looks at the cluster: a node out of quorum is alive and must not be restarted for it.
 * Thread-safe.
 */
final class HealthResource {
  private final String version;
  private final Instant started;
  private final java.time.Clock clock;
  private final ObjectStore store;
  private final Observability observe;

  HealthResource(
      String version,
      Instant started,
      java.time.Clock clock,
      ObjectStore store,
      Observability observe) {
    this.version = version;
    this.started = started;
    this.clock = clock;
    this.store = store;
    this.observe = observe;
  }

  void health(AdminCall call) {
    long uptime = Duration.between(started, clock.instant()).toSeconds();
    call.json(200, AdminJson.obj("status", "ok", "version", version, "uptimeSeconds", uptime));
  }

  void ready(AdminCall call) {
    Map<String, Object> checks = new LinkedHashMap<>();
    String failing = null;
    String reason = null;
    try {
      store.probe();
      checks.put("store", AdminJson.obj("ok", true, "engine", store.engineName()));
    } catch (Exception e) {
      failing = "store";
      reason = String.valueOf(e.getMessage());
      checks.put(
          "store", AdminJson.obj("ok", false, "engine", store.engineName(), "message", reason));
    }
    String dead = workersCheck(checks);
    if (dead != null && failing == null) {
      failing = "workers";
      reason = dead;
    }
    String outOfQuorum = clusterCheck(checks);
    if (outOfQuorum != null && failing == null) {
      failing = "cluster";
      reason = outOfQuorum;
    }
    if (failing == null) {
      call.json(200, AdminJson.obj("status", "ready", "checks", checks));
    } else {
      String message =
          "readiness check '" + failing + "' failed" + (reason == null ? "" : ": " + reason);
      Map<String, Object> body =
          AdminJson.obj(
              "status",
              "not_ready",
              "failing",
              failing,
              "code",
              "NotReady",
              "message",
              message,
              "requestId",
              call.requestId,
              "checks",
              checks);
      call.json(503, body);
    }
  }

  /**
   * Adds the {@code workers} check: the metrics sampler and every background worker the server
   * watches ({@link Observability#workers()}: lifecycle, orphan sweep, TLS reloader, a cluster's
   * repair and scrub) is alive, or finished as it should.
   *
   * @return the first failing worker's name and why, or null when all are alive
   */
  private @Nullable String workersCheck(Map<String, Object> checks) {
    java.util.List<String> names = new java.util.ArrayList<>();
    Map<String, Object> failed = new LinkedHashMap<>();
    names.add("metrics-sampler");
    if (!observe.samplerAlive())
      failed.put("metrics-sampler", "it has not sampled for 3 intervals");
    for (dev.dfs.util.Heartbeat worker : observe.workers()) {
      names.add(worker.name());
      String problem = worker.problem();
      if (problem != null) failed.put(worker.name(), problem);
    }
    Map<String, Object> check = AdminJson.obj("ok", failed.isEmpty(), "names", names);
    checks.put("workers", check);
    if (failed.isEmpty()) return null;
    check.put("failed", failed);
    Map.Entry<String, Object> first = failed.entrySet().iterator().next();
    return "worker '" + first.getKey() + "' is not alive: " + first.getValue();
  }

  /**
   * On a clustered engine, adds the {@code cluster} check: it fails while this node is not part of
   * a working quorum, since it could then only answer 503 and a load balancer should send its
   * requests elsewhere.
   *
   * @return why it fails, or null when it passes or the engine has no cluster
   */
  private @Nullable String clusterCheck(Map<String, Object> checks) {
    Optional<ClusterView> cluster = store.cluster();
    if (cluster.isEmpty()) return null;
    ClusterView view = cluster.get();
    String leader = view.leader().map(ClusterStatus.Member::id).orElse(null);
    Map<String, Object> check =
        AdminJson.obj("ok", true, "nodeId", view.nodeId(), "leaderId", leader);
    checks.put("cluster", check);
    if (view.inQuorum()) return null;
    String why =
        "node "
            + view.nodeId()
            + " is not part of a quorum ("
            + (leader == null ? "no leader known" : "leader " + leader + " not heard from")
            + " within the election timeout)";
    check.put("ok", false);
    check.put("message", why);
    return why;
  }
}
