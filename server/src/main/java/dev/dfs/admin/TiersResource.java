package dev.dfs.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.tier.CostModel;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/tiers}: the storage tiers objects move to (list, create, get, delete, {@code POST
 * …/{name}/verify}). A tier's secret never appears ({@code "secretKey": "****"} when one is set).
 * Refusals are JSON errors: 400 InvalidRequest (bad body), 404 NoSuchTier, 409 Conflict (name
 * taken, storage class served already, tier still holding objects), 502 TierUnreachable (the tier
 * failed its probe), 501 on an engine without tiers (gateway). On a cluster, writes reach the
 * leader (the HTTP front forwards them) and a directory tier is 400. Thread-safe.
 */
final class TiersResource {
  private static final int MAX_BODY = 16 * 1024;

  private final ObjectStore store;

  TiersResource(ObjectStore store) {
    this.store = store;
  }

  /** This resource's routes under {@code v1}, all for admins. */
  List<Route> routes(String v1) {
    return List.of(
        new Route("GET", v1 + "/tiers", Route.Access.ADMIN, this::list),
        new Route("POST", v1 + "/tiers", Route.Access.ADMIN, this::create),
        new Route("GET", v1 + "/tiers/{name}", Route.Access.ADMIN, this::get),
        new Route("DELETE", v1 + "/tiers/{name}", Route.Access.ADMIN, this::delete),
        new Route("POST", v1 + "/tiers/{name}/verify", Route.Access.ADMIN, this::verify));
  }

  @FunctionalInterface
  private interface Body {
    void run(AdminCall call, TierRegistry tiers) throws IOException;
  }

  private void answer(AdminCall call, Body body) throws IOException {
    if (store.tiering().isEmpty()) {
      call.error(
          501,
          "NotImplemented",
          "The " + store.engineName() + " engine has no storage" + " tiers.");
      return;
    }
    try {
      body.run(call, store.tiering().get().tiers());
    } catch (IllegalArgumentException e) {
      call.error(400, "InvalidRequest", e.getMessage());
    } catch (StoreException e) {
      if (e.error() == StoreError.NO_SUCH_KEY) call.error(404, "NoSuchTier", e.getMessage());
      else if (e.error() == StoreError.INVALID_REQUEST) call.error(409, "Conflict", e.getMessage());
      else throw e;
    }
  }

  void list(AdminCall call) throws IOException {
    answer(
        call,
        (c, tiers) -> {
          List<Object> out = new ArrayList<>();
          for (TierDefinition d : tiers.list()) out.add(view(d));
          c.json(200, AdminJson.obj("tiers", out));
        });
  }

  void get(AdminCall call) throws IOException {
    answer(call, (c, tiers) -> c.json(200, view(tiers.require(c.path("name")))));
  }

  void create(AdminCall call) throws IOException {
    answer(
        call,
        (c, tiers) -> {
          TierDefinition d = parse(c.body(MAX_BODY));
          try {
            c.json(201, view(tiers.create(d)));
          } catch (IOException e) {
            c.error(
                502,
                "TierUnreachable",
                "Tier '" + d.name() + "' failed its probe: " + e.getMessage());
          }
        });
  }

  void delete(AdminCall call) throws IOException {
    answer(
        call,
        (c, tiers) -> {
          tiers.remove(c.path("name"));
          c.noContent();
        });
  }

  void verify(AdminCall call) throws IOException {
    answer(
        call,
        (c, tiers) -> {
          TierDefinition d = tiers.require(c.path("name"));
          try {
            tiers.verify(d.name());
            c.json(200, AdminJson.obj("name", d.name(), "ok", true, "message", null));
          } catch (IOException e) {
            c.json(200, AdminJson.obj("name", d.name(), "ok", false, "message", e.getMessage()));
          }
        });
  }

  /** A definition as the API shows it: everything but the secret. */
  static Map<String, Object> view(TierDefinition d) {
    boolean dir = d.kind() == TierDefinition.Kind.DIRECTORY;
    return AdminJson.obj(
        "name", d.name(),
        "type", d.kind().name().toLowerCase(Locale.ROOT),
        "storageClasses", d.storageClasses(),
        "cost",
            AdminJson.obj(
                "perGibMonth",
                d.cost().perGibMonth(),
                "perThousandRequests",
                d.cost().perThousandRequests(),
                "perGibRetrieved",
                d.cost().perGibRetrieved()),
        "path", dir ? d.path() : null,
        "endpoint", d.endpoint(),
        "bucket", d.bucket(),
        "prefix", dir ? null : d.prefix(),
        "region", d.region(),
        "accessKey", d.accessKey(),
        "secretKey", d.secretKey() == null ? null : "****",
        "partSizeMib", dir ? null : d.partSize() >> 20);
  }

  /** The body's definition; IllegalArgumentException naming what is wrong. */
  static TierDefinition parse(byte @Nullable [] body) {
    if (body == null) throw new IllegalArgumentException("The body is too large.");
    JsonNode n;
    try {
      n = body.length == 0 ? null : AdminJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("The body is not valid JSON.");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          "The body must be a JSON object: {\"name\", \"type\":"
              + " \"directory\"|\"s3\", \"storageClasses\": [...], …}.");
    }
    String type = text(n, "type");
    if (!"directory".equals(type) && !"s3".equals(type)) {
      throw new IllegalArgumentException("\"type\" must be \"directory\" or \"s3\".");
    }
    List<String> classes = new ArrayList<>();
    n.path("storageClasses").forEach(c -> classes.add(c.asText()));
    return new TierDefinition(
        text(n, "name"),
        "s3".equals(type) ? TierDefinition.Kind.S3 : TierDefinition.Kind.DIRECTORY,
        classes,
        cost(n.get("cost"), classes),
        text(n, "path"),
        text(n, "endpoint"),
        text(n, "bucket"),
        text(n, "prefix"),
        text(n, "region"),
        text(n, "accessKey"),
        text(n, "secretKey"),
        partSizeMib(n) << 20);
  }

  /** {@code partSizeMib}: a whole number of MiB, or 0 (the default) when absent. */
  private static long partSizeMib(JsonNode n) {
    JsonNode v = n.get("partSizeMib");
    if (v == null || v.isNull()) return 0;
    if (!v.isIntegralNumber() || v.asLong() < 5 || v.asLong() > 5120) {
      throw new IllegalArgumentException("\"partSizeMib\" must be a whole number from 5 to 5120.");
    }
    return v.asLong();
  }

  /**
   * The cost model of the body (each field defaults to the first class's default), or null. With no
   * class the fields default to STANDARD's (the definition is refused for that anyway).
   */
  private static @Nullable CostModel cost(@Nullable JsonNode c, List<String> classes) {
    if (c == null || c.isNull()) return null;
    if (!c.isObject()) throw new IllegalArgumentException("\"cost\" must be an object.");
    CostModel d = classes.isEmpty() ? CostModel.STANDARD : CostModel.defaultFor(classes.getFirst());
    return new CostModel(
        number(c, "perGibMonth", d.perGibMonth()),
        number(c, "perThousandRequests", d.perThousandRequests()),
        number(c, "perGibRetrieved", d.perGibRetrieved()));
  }

  private static double number(JsonNode c, String field, double fallback) {
    JsonNode v = c.get(field);
    if (v == null || v.isNull()) return fallback;
    if (!v.isNumber())
      throw new IllegalArgumentException("\"cost." + field + "\" must be a number.");
    return v.asDouble();
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new IllegalArgumentException("\"" + field + "\" must be a string.");
    return v.asText().isEmpty() ? null : v.asText();
  }
}
