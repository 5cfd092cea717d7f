package dev.dfs.admin;

import static dev.dfs.admin.Route.Access.ADMIN;
import static dev.dfs.admin.Route.Access.METRICS_TOKEN;
import static dev.dfs.admin.Route.Access.PUBLIC;

import java.util.List;

/**
 * The table of every management route. It is the single source the dispatcher uses, and a test
 * checks it against the OpenAPI document in both directions.
 */
final class AdminRoutes {
  private AdminRoutes() {}

  static List<Route> build(
      HealthResource health,
      InfoResource info,
      ClusterResource cluster,
      BucketsResource buckets,
      BucketQuotaResource quotas,
      IdentityResource identities,
      DashboardResource dashboard,
      PolicyMetricsResource policy,
      DocsResource docs,
      PrometheusResource prometheus,
      KmsResource kms,
      BackupResource backup) {
    String v1 = "/api/v1";
    List<Route> routes =
        new java.util.ArrayList<>(
            List.of(
                new Route("GET", v1 + "/health", PUBLIC, health::health),
                new Route("GET", v1 + "/ready", PUBLIC, health::ready),
                new Route("GET", v1 + "/openapi.json", PUBLIC, docs::openapi),
                new Route("GET", v1 + "/docs", PUBLIC, docs::page),
                new Route("GET", v1 + "/docs/{file}", PUBLIC, docs::file),
                new Route("GET", v1 + "/info", ADMIN, info::info),
                new Route("GET", v1 + "/buckets", ADMIN, buckets::list),
                new Route("GET", v1 + "/buckets/{name}", ADMIN, buckets::get),
                new Route("DELETE", v1 + "/buckets/{name}", ADMIN, buckets::delete),
                new Route("GET", v1 + "/buckets/{name}/quota", ADMIN, quotas::get),
                new Route("PUT", v1 + "/buckets/{name}/quota", ADMIN, quotas::put),
                new Route("DELETE", v1 + "/buckets/{name}/quota", ADMIN, quotas::delete),
                new Route("GET", v1 + "/users", ADMIN, identities::users),
                new Route("POST", v1 + "/users", ADMIN, identities::addUser),
                new Route("GET", v1 + "/users/{id}", ADMIN, identities::user),
                new Route("PATCH", v1 + "/users/{id}", ADMIN, identities::updateUser),
                new Route("DELETE", v1 + "/users/{id}", ADMIN, identities::removeUser),
                new Route("PUT", v1 + "/users/{id}/policy", ADMIN, identities::putPolicy),
                new Route("DELETE", v1 + "/users/{id}/policy", ADMIN, identities::deletePolicy),
                new Route("POST", v1 + "/users/{id}/keys", ADMIN, identities::createKey),
                new Route("POST", v1 + "/users/{id}/api-keys", ADMIN, identities::createApiKey),
                new Route("GET", v1 + "/keys", ADMIN, identities::keys),
                new Route("PATCH", v1 + "/keys/{accessKey}", ADMIN, identities::updateKey),
                new Route("DELETE", v1 + "/keys/{accessKey}", ADMIN, identities::deleteKey),
                new Route("GET", v1 + "/api-keys", ADMIN, identities::apiKeys),
                new Route("DELETE", v1 + "/api-keys/{keyId}", ADMIN, identities::deleteApiKey),
                new Route("GET", v1 + "/kms/keys", ADMIN, kms::list),
                new Route("POST", v1 + "/kms/keys", ADMIN, kms::create),
                new Route("GET", v1 + "/kms/keys/{kmsKey}", ADMIN, kms::describe),
                new Route("POST", v1 + "/kms/keys/{kmsKey}/enable", ADMIN, kms::enable),
                new Route("POST", v1 + "/kms/keys/{kmsKey}/disable", ADMIN, kms::disable),
                new Route("POST", v1 + "/kms/keys/{kmsKey}/rotate", ADMIN, kms::rotate),
                new Route("GET", v1 + "/kms/master-key", ADMIN, kms::masterKey),
                new Route("POST", v1 + "/kms/master-key/rotate", ADMIN, kms::rotateMasterKey),
                new Route("GET", v1 + "/backup", ADMIN, backup::backup),
                new Route("GET", v1 + "/metrics/dashboard", ADMIN, dashboard::dashboard),
                new Route("GET", v1 + "/metrics/policy", ADMIN, policy::policy),
                new Route("GET", "/metrics", METRICS_TOKEN, prometheus::scrape)));
    routes.addAll(cluster(v1, cluster));
    return List.copyOf(routes);
  }

  /** The cluster's routes: status, membership and the data layout. */
  private static List<Route> cluster(String v1, ClusterResource cluster) {
    LayoutResource layout = new LayoutResource(cluster);
    return List.of(
        new Route("GET", v1 + "/cluster", ADMIN, cluster::cluster),
        new Route("POST", v1 + "/cluster/members/{id}/promote", ADMIN, cluster::promote),
        new Route("POST", v1 + "/cluster/members/{id}/drain", ADMIN, cluster::drain),
        new Route("DELETE", v1 + "/cluster/members/{id}", ADMIN, cluster::remove),
        new Route("POST", v1 + "/cluster/transfer-leader", ADMIN, cluster::transferLeader),
        new Route("GET", v1 + "/cluster/digest", ADMIN, cluster::digest),
        new Route("GET", v1 + "/cluster/layout", ADMIN, layout::get),
        new Route("PUT", v1 + "/cluster/layout", ADMIN, layout::stage),
        new Route("POST", v1 + "/cluster/layout", ADMIN, layout::apply),
        new Route("DELETE", v1 + "/cluster/layout", ADMIN, layout::revert));
  }

  /** {@code routes} followed by the storage tiers' and the tiering overrides' routes. */
  static List<Route> withTiers(
      List<Route> routes, TiersResource tiers, TieringOverridesResource overrides) {
    return java.util.stream.Stream.of(routes, tiers.routes("/api/v1"), overrides.routes("/api/v1"))
        .flatMap(List::stream)
        .toList();
  }
}
