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
import org.jspecify.annotations.Nullable;

/**
 * A bucket's tiering settings, kept as the bucket configuration document {@value #DOCUMENT} (JSON:
 * {@code {"overrides":[{"prefix":"","pin":"FREQUENT", "neverArchive":false}],
 * "defaultStorageClass":"INTELLIGENT_TIERING"}}): its Intelligent-Tiering {@link TieringOverride}s
 * (for a key the one with the longest matching prefix applies) and the storage class of objects
 * written without one. Immutable; the codec is pure.
 *
 * @param overrides at most {@link #MAX} of them, prefixes unique, longest prefix first
 * @param defaultStorageClass the class of objects written without {@code x-amz-storage-class}, one
 *     of {@link #DEFAULT_CLASSES}; null: STANDARD, as in S3
 */
public record TieringOverrides(
    List<TieringOverride> overrides, @Nullable String defaultStorageClass) {
  /** The bucket configuration document holding them. */
  public static final String DOCUMENT = "tiering-overrides";

  public static final int MAX = 1000;
  public static final TieringOverrides NONE = new TieringOverrides(List.of(), null);

  /**
   * The classes a bucket's default may name: STANDARD and INTELLIGENT_TIERING (whose objects start
   * on DFS's own disk) and those a tier can serve. Which of the latter a tier serves now is the
   * caller's check.
   */
  public static final List<String> DEFAULT_CLASSES =
      List.of(
          "STANDARD",
          "INTELLIGENT_TIERING",
          "STANDARD_IA",
          "ONEZONE_IA",
          "GLACIER_IR",
          "GLACIER",
          "DEEP_ARCHIVE");

  private static final ObjectMapper JSON = new ObjectMapper();

  public TieringOverrides {
    List<TieringOverride> sorted = new ArrayList<>(overrides);
    sorted.sort(
        Comparator.comparingInt((TieringOverride o) -> o.prefix().length())
            .reversed()
            .thenComparing(TieringOverride::prefix));
    overrides = List.copyOf(sorted);
  }

  /** Overrides without a default storage class. */
  public TieringOverrides(List<TieringOverride> overrides) {
    this(overrides, null);
  }

  /** Whether there is nothing to keep (no override, no default class). */
  public boolean isEmpty() {
    return overrides.isEmpty() && defaultStorageClass == null;
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
    if (defaultStorageClass != null) root.put("defaultStorageClass", defaultStorageClass);
    return root.toString();
  }

  /**
   * Parses the JSON form ({@code overrides} and {@code defaultStorageClass} each optional);
   * INVALID_ARGUMENT (naming the problem) for anything else: unknown fields, a pin that is no
   * access tier, repeated prefixes, more than {@link #MAX}, a default class not in {@link
   * #DEFAULT_CLASSES}.
   */
  public static TieringOverrides parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid("the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid("expected {\"overrides\": [...], \"defaultStorageClass\": \"...\"}");
    }
    var fields = root.fieldNames();
    while (fields.hasNext()) {
      String f = fields.next();
      if (!f.equals("overrides") && !f.equals("defaultStorageClass")) {
        throw invalid("unknown field '" + f + "' (expected overrides, defaultStorageClass)");
      }
    }
    JsonNode list = root.path("overrides");
    if (!list.isMissingNode() && !list.isArray()) throw invalid("overrides is an array");
    List<TieringOverride> out = new ArrayList<>();
    Set<String> prefixes = new HashSet<>();
    for (JsonNode n : list) {
      TieringOverride o = override(n);
      if (!prefixes.add(o.prefix())) throw invalid("prefix '" + o.prefix() + "' appears twice");
      out.add(o);
    }
    if (out.size() > MAX) throw invalid("at most " + MAX + " overrides per bucket");
    return new TieringOverrides(out, defaultClass(root.path("defaultStorageClass")));
  }

  private static @Nullable String defaultClass(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) return null;
    if (!n.isTextual() || !DEFAULT_CLASSES.contains(n.asText())) {
      throw invalid(
          "defaultStorageClass is one of "
              + String.join(", ", DEFAULT_CLASSES)
              + ", not '"
              + n.asText()
              + "'");
    }
    return n.asText();
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
                          "pin is one of FREQUENT, INFREQUENT, ARCHIVE_INSTANT, ARCHIVE, DEEP_ARCHIVE, not '"
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
