package dev.dfs.store.tier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dfs.crypto.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TierDefinition} as stored in the tier table: JSON with a format number, the secret
 * sealed by the master key and bound to the tier's name (a sealed secret moved to another tier does
 * not open). Pure apart from the key; thread-safe.
 */
final class TierCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 1;

  private TierCodec() {}

  /** The sealing context of tier {@code name}'s secret. */
  static String context(String name) {
    return "tier/" + name;
  }

  static byte[] encode(TierDefinition d, @Nullable MasterKey key) {
    ObjectNode n =
        JSON.createObjectNode()
            .put("format", FORMAT)
            .put("name", d.name())
            .put("kind", d.kind().name());
    d.storageClasses().forEach(n.putArray("storageClasses")::add);
    n.putObject("cost")
        .put("perGibMonth", d.cost().perGibMonth())
        .put("perThousandRequests", d.cost().perThousandRequests())
        .put("perGibRetrieved", d.cost().perGibRetrieved());
    n.put("path", d.path())
        .put("endpoint", d.endpoint())
        .put("bucket", d.bucket())
        .put("prefix", d.prefix())
        .put("region", d.region())
        .put("accessKey", d.accessKey())
        .put("partSize", d.partSize());
    String secret = d.secretKey();
    if (secret != null) {
      if (key == null) {
        throw new IllegalArgumentException(
            "a tier's secret is sealed by the master key, and" + " this server has none");
      }
      byte[] sealed = key.seal(secret.getBytes(StandardCharsets.UTF_8), context(d.name()));
      n.put("secret", Base64.getEncoder().encodeToString(sealed));
    }
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  static TierDefinition decode(byte[] value, @Nullable MasterKey key) throws IOException {
    JsonNode n = JSON.readTree(value);
    if (n.path("format").asInt() != FORMAT) {
      throw new IOException("tier record format " + n.path("format").asInt() + " is unknown");
    }
    String name = n.path("name").asText();
    List<String> classes = new ArrayList<>();
    n.path("storageClasses").forEach(c -> classes.add(c.asText()));
    JsonNode c = n.path("cost");
    CostModel cost =
        new CostModel(
            c.path("perGibMonth").asDouble(),
            c.path("perThousandRequests").asDouble(),
            c.path("perGibRetrieved").asDouble());
    String secret = null;
    if (n.hasNonNull("secret")) {
      if (key == null) throw new IOException("tier " + name + "'s secret needs the master key");
      byte[] sealed = Base64.getDecoder().decode(n.get("secret").asText());
      secret = new String(key.open(sealed, context(name)), StandardCharsets.UTF_8);
    }
    return new TierDefinition(
        name,
        TierDefinition.Kind.valueOf(n.path("kind").asText()),
        classes,
        cost,
        text(n, "path"),
        text(n, "endpoint"),
        text(n, "bucket"),
        text(n, "prefix"),
        text(n, "region"),
        text(n, "accessKey"),
        secret,
        n.path("partSize").asLong(0)); // absent in records of before part sizes: the default
  }

  /**
   * {@code value} with its secret sealed again under {@code key}'s current master key, or null when
   * it has no secret or it is sealed under the current key already.
   */
  static byte @Nullable [] resealed(byte[] value, MasterKey key) throws IOException {
    JsonNode n = JSON.readTree(value);
    if (!n.hasNonNull("secret")) return null;
    byte[] sealed = Base64.getDecoder().decode(n.get("secret").asText());
    if (key.sealedByCurrent(sealed)) return null;
    byte[] again = key.reseal(sealed, context(n.path("name").asText()));
    ((ObjectNode) n).put("secret", Base64.getEncoder().encodeToString(again));
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
