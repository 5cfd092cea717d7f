package dev.dfs.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.tier.AccessTier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A bucket's {@link TieringOverride}s, kept as the bucket configuration document {@value #DOCUMENT}
 * (JSON: {@code {"overrides":[{"prefix":"","pin":"FREQUENT", "neverArchive":false}]}}). For a key
 * the override with the longest matching prefix applies. Immutable; the codec is pure.
 *
 * @param overrides at most {@link #MAX} of them, prefixes unique, longest prefix first
 */
public record TieringOverrides(List<TieringOverride> overrides) {
  /** The bucket configuration document holding them. */
  public static final String DOCUMENT = "tiering-overrides";

  public static final int MAX = 1000;
  public static final TieringOverrides NONE = new TieringOverrides(List.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  public TieringOverrides {
    List<TieringOverride> sorted = new ArrayList<>(overrides);
    sorted.sort(
        Comparator.comparingInt((TieringOverride o) -> o.prefix().length())
            .reversed()
            .thenComparing(TieringOverride::prefix));
    overrides = List.copyOf(sorted);
  }

  /** The override of {@code key}: the one with the longest prefix of it, or empty. */
  public Optional<TieringOverride> forKey(String key) {
    for (TieringOverride o : overrides) {
      if (key.startsWith(o.prefix())) return Optional.of(o);
    }
    return Optional.empty();
  }

  /** The bucket's overrides (none when it has no document or the engine keeps none). */
  public static TieringOverrides load(ObjectStore store, String bucket) throws IOException {
    Optional<String> doc = BucketConfig.find(store, bucket, DOCUMENT);
    return doc.isEmpty() ? NONE : parse(doc.get());
  }

  /** The JSON form. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("overrides");
    for (TieringOverride o : overrides) {
      ObjectNode n = list.addObject().put("prefix", o.prefix());
      if (o.pin() != null) n.put("pin", o.pin().name());
      n.put("neverArchive", o.neverArchive());
    }
    return root.toString();
  }

  /**
   * Parses the JSON form; INVALID_ARGUMENT (naming the problem) for anything else: unknown fields,
   * a pin that is no access tier, repeated prefixes, more than {@link #MAX}.
   */
  public static TieringOverrides parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid("the body is not JSON");
    }
    if (root == null || !root.isObject() || !root.path("overrides").isArray() || root.size() != 1) {
      throw invalid("expected {\"overrides\": [...]}");
    }
    List<TieringOverride> out = new ArrayList<>();
    Set<String> prefixes = new HashSet<>();
    for (JsonNode n : root.get("overrides")) {
      TieringOverride o = override(n);
      if (!prefixes.add(o.prefix())) throw invalid("prefix '" + o.prefix() + "' appears twice");
      out.add(o);
    }
    if (out.size() > MAX) throw invalid("at most " + MAX + " overrides per bucket");
    return new TieringOverrides(out);
  }

  private static TieringOverride override(JsonNode n) {
    if (!n.isObject()) throw invalid("each override is an object");
    var names = n.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!Set.of("prefix", "pin", "neverArchive").contains(f)) {
        throw invalid("unknown field '" + f + "'");
      }
    }
    JsonNode prefix = n.path("prefix");
    if (!prefix.isMissingNode() && !prefix.isTextual()) throw invalid("prefix is a string");
    JsonNode never = n.path("neverArchive");
    if (!never.isMissingNode() && !never.isBoolean()) throw invalid("neverArchive is a boolean");
    AccessTier pin = null;
    JsonNode p = n.path("pin");
    if (!p.isMissingNode() && !p.isNull()) {
      pin =
          AccessTier.parse(p.asText())
              .orElseThrow(
                  () ->
                      invalid(
                          "pin is one of FREQUENT, INFREQUENT, ARCHIVE, DEEP_ARCHIVE, not '"
                              + p.asText()
                              + "'"));
    }
    if (pin == null && !never.asBoolean(false)) {
      throw invalid("an override needs a pin or neverArchive: true");
    }
    return new TieringOverride(prefix.asText(""), pin, never.asBoolean(false));
  }

  private static StoreException invalid(String why) {
    return new StoreException(StoreError.INVALID_ARGUMENT, "tiering overrides: " + why);
  }
}
