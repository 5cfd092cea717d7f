package dev.dfs.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dfs.auth.Credential;
import dev.dfs.crypto.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The stored form of users and keys: table keys {@code u/<name>}, {@code k/<access key id>}, {@code
 * a/<api key id>}; values are JSON objects with a format version {@code v} (1). An access key's
 * secret is sealed with the master key, bound to the access key id, so it is never on disk in clear
 * and a value copied under another id does not open. An API key's value is stored only as its
 * SHA-256 hash.
 */
final class IdentityCodec {
  static final String USER = "u/";
  static final String KEY = "k/";
  static final String API_KEY = "a/";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MasterKey masterKey;

  IdentityCodec(MasterKey masterKey) {
    this.masterKey = masterKey;
  }

  byte[] user(User u) {
    ObjectNode n = base();
    n.put("name", u.name()).put("created", u.created().toString()).put("enabled", u.enabled());
    if (u.policy() != null) n.put("policy", u.policy());
    return bytes(n);
  }

  User user(byte[] value) throws IOException {
    JsonNode n = read(value);
    return new User(
        n.get("name").asText(),
        Instant.parse(n.get("created").asText()),
        n.get("enabled").asBoolean(),
        n.hasNonNull("policy") ? n.get("policy").asText() : null);
  }

  byte[] accessKey(AccessKey k, String secret) {
    byte[] sealed = masterKey.seal(secret.getBytes(StandardCharsets.UTF_8), k.accessKeyId());
    ObjectNode n = base();
    n.put("id", k.accessKeyId())
        .put("user", k.userName())
        .put("status", k.status().wire())
        .put("created", k.created().toString())
        .put("secret", Base64.getEncoder().encodeToString(sealed));
    return bytes(n);
  }

  Snapshot.StoredKey accessKey(byte[] value) throws IOException {
    JsonNode n = read(value);
    AccessKey k =
        new AccessKey(
            n.get("id").asText(),
            n.get("user").asText(),
            KeyStatus.parse(n.get("status").asText()),
            Instant.parse(n.get("created").asText()));
    byte[] secret =
        masterKey.open(Base64.getDecoder().decode(n.get("secret").asText()), k.accessKeyId());
    return new Snapshot.StoredKey(
        k,
        new Credential(k.userName(), k.accessKeyId(), new String(secret, StandardCharsets.UTF_8)));
  }

  byte[] apiKey(Snapshot.StoredApiKey a) {
    ObjectNode n = base();
    n.put("id", a.key().id())
        .put("user", a.key().userName())
        .put("lastFour", a.key().lastFour())
        .put("created", a.key().created().toString())
        .put("sha256", a.hash());
    return bytes(n);
  }

  Snapshot.StoredApiKey apiKey(byte[] value) throws IOException {
    JsonNode n = read(value);
    return new Snapshot.StoredApiKey(
        new ApiKey(
            n.get("id").asText(),
            n.get("user").asText(),
            n.get("lastFour").asText(),
            Instant.parse(n.get("created").asText())),
        n.get("sha256").asText());
  }

  private static ObjectNode base() {
    return JSON.createObjectNode().put("v", VERSION);
  }

  private static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static JsonNode read(byte[] value) throws IOException {
    JsonNode n = JSON.readTree(value);
    if (n == null || n.path("v").asInt() != VERSION) {
      throw new IOException(
          "identity record has an unknown format version: "
              + (n == null ? "none" : n.path("v").toString()));
    }
    return n;
  }
}
