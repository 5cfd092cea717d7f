package dev.dfs.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of a key: a JSON object with a format version {@code v} (1), the {@link KmsKey}
 * fields and {@code material}, each version's 256-bit key material sealed by the master key
 * (base64), bound to the key id and version number.
 */
final class KeyCodec {
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyCodec() {}

  /** A key and its sealed material by version (ascending). */
  record Stored(KmsKey key, Map<Integer, byte[]> sealedMaterial) {
    Stored {
      sealedMaterial = java.util.Collections.unmodifiableMap(new TreeMap<>(sealedMaterial));
    }

    Stored with(KmsKey k) {
      return new Stored(k, sealedMaterial);
    }
  }

  static byte[] write(Stored s) {
    KmsKey k = s.key();
    ObjectNode n = JSON.createObjectNode().put("v", VERSION);
    n.put("id", k.keyId())
        .put("arn", k.arn())
        .put("description", k.description())
        .put("enabled", k.enabled())
        .put("created", k.created().toString())
        .put("version", k.version());
    if (k.rotated() != null) n.put("rotated", k.rotated().toString());
    var aliases = n.putArray("aliases");
    k.aliases().forEach(aliases::add);
    ObjectNode material = n.putObject("material");
    s.sealedMaterial()
        .forEach(
            (v, sealedBytes) ->
                material.put(Integer.toString(v), Base64.getEncoder().encodeToString(sealedBytes)));
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stored read(byte[] value) throws IOException {
    JsonNode n = JSON.readTree(value);
    if (n == null || n.path("v").asInt() != VERSION) {
      throw new IOException("unknown KMS key record format");
    }
    List<String> aliases = new ArrayList<>();
    n.path("aliases").forEach(a -> aliases.add(a.asText()));
    KmsKey k =
        new KmsKey(
            n.get("id").asText(),
            n.get("arn").asText(),
            aliases,
            n.path("description").asText(""),
            n.get("enabled").asBoolean(),
            Instant.parse(n.get("created").asText()),
            n.get("version").asInt(),
            n.hasNonNull("rotated") ? Instant.parse(n.get("rotated").asText()) : null);
    Map<Integer, byte[]> material = new TreeMap<>();
    var fields = n.path("material").properties().iterator();
    while (fields.hasNext()) {
      var f = fields.next();
      material.put(Integer.parseInt(f.getKey()), Base64.getDecoder().decode(f.getValue().asText()));
    }
    return new Stored(k, material);
  }
}
