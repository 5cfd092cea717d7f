package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.auth.RequestAuthenticator;
import dev.dfs.authz.AccessControl;
import dev.dfs.authz.Authorizer;
import dev.dfs.policy.BucketPolicies;
import dev.dfs.store.ObjectStore;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The route table itself: each operation has exactly one row and one handler, and every row, turned
 * into a request, resolves to its own operation in path style and virtual-host style.
 */
class S3RoutesTest {
  static final String DOMAIN = "s3.example.test";

  @Test
  void everyOperationHasExactlyOneRoute() {
    Map<S3Operation, Integer> rows = new EnumMap<>(S3Operation.class);
    S3Routes.ALL.forEach(r -> rows.merge(r.operation(), 1, Integer::sum));
    assertThat(rows.keySet()).containsExactlyInAnyOrder(S3Operation.values());
    assertThat(rows).allSatisfy((op, count) -> assertThat(count).as(op.name()).isEqualTo(1));
  }

  @Test
  void everyRouteBindsOneHandler() {
    ObjectStore store = stub(ObjectStore.class);
    RequestAuthenticator authenticator = stub(RequestAuthenticator.class);
    Authorizer authorizer = AccessControl.NONE.authorizer(store, false, new BucketPolicies(store));
    ResourceHandlers handlers =
        S3HandlerFactory.handlers(
            store,
            authenticator,
            new S3Settings("us-east-1", null),
            authorizer,
            new LifecycleConfigs(store));
    Set<S3Route.Action> bound = new HashSet<>();
    for (S3Route route : S3Routes.ALL) {
      S3Route.Action action = route.handler().apply(handlers);
      assertThat(action).as(route.operation().name()).isNotNull();
      bound.add(action);
    }
    assertThat(bound).hasSize(S3Routes.ALL.size());
  }

  /** A request that meets a row's condition: its query and whether it carries a copy source. */
  record Sample(S3Route route, String method, String query, boolean copy) {
    @Override
    public String toString() {
      return method + " " + route.target() + " " + route.when().text() + " -> " + route.operation();
    }
  }

  static Stream<Sample> samples() {
    List<Sample> out = new ArrayList<>();
    for (S3Route route : S3Routes.ALL) {
      String text = route.when().text();
      String query =
          switch (text) {
            case "" -> null;
            case "an unsupported sub-resource" ->
                route.target() == S3Route.Target.OBJECT ? "torrent" : "logging";
            case "?uploadId or ?partNumber", "?uploadId or ?partNumber, x-amz-copy-source" ->
                "partNumber=1&uploadId=u";
            case "x-amz-copy-source" -> null;
            default -> text.substring(1).replace(" without ?uploadId", "");
          };
      boolean copy = text.contains("x-amz-copy-source");
      for (String method : route.methods()) out.add(new Sample(route, method, query, copy));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void eachRowResolvesToItsOperation(Sample s) {
    S3Route.Target target = s.route().target();
    String key = target == S3Route.Target.OBJECT ? "k" : null;
    String path = target == S3Route.Target.SERVICE ? "/" : "/bkt" + (key == null ? "" : "/k");
    S3Router router = new S3Router(DOMAIN);
    S3Request pathStyle = router.route(s.method(), "localhost", path, s.query(), s.copy());
    assertThat(pathStyle.operation()).isEqualTo(s.route().operation());
    assertThat(pathStyle.key()).isEqualTo(key);
    if (target != S3Route.Target.SERVICE) {
      S3Request virtualHost =
          router.route(s.method(), "bkt." + DOMAIN, key == null ? "/" : "/k", s.query(), s.copy());
      assertThat(virtualHost.operation()).isEqualTo(s.route().operation());
      assertThat(virtualHost.bucket()).isEqualTo("bkt");
      assertThat(virtualHost.key()).isEqualTo(key);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T stub(Class<T> type) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
