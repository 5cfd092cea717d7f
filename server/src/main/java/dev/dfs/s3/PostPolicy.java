package dev.dfs.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The policy document of a browser form upload (S3 POST Object): an expiration and conditions every
 * form field must meet ({@code eq} / exact match, {@code starts-with}, {@code
 * content-length-range}). Field names compare case-insensitively. Immutable.
 */
record PostPolicy(Instant expiration, List<PostPolicy.Condition> conditions) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Fields that need no condition: the signature (SigV4 {@code x-amz-signature}, SigV2 {@code
   * signature} and {@code AWSAccessKeyId}), the file, the policy; besides these, {@code x-ignore-*}
   * and {@code x-amz-checksum-*} (a checksum only narrows what is accepted: a body that does not
   * match it is refused).
   */
  private static final Set<String> EXEMPT =
      Set.of("x-amz-signature", "signature", "awsaccesskeyid", "file", "policy");

  /** One condition; {@code field} lower-case without {@code $}. */
  record Condition(
      String kind,
      @Nullable String field,
      @Nullable String value,
      long min,
      long max,
      String text) {}

  PostPolicy {
    conditions = List.copyOf(conditions);
  }

  /** Decodes and parses the {@code policy} form field. InvalidPolicyDocument when malformed. */
  static PostPolicy parse(String base64) {
    JsonNode root;
    try {
      root = JSON.readTree(Base64.getMimeDecoder().decode(base64));
    } catch (Exception e) {
      throw invalid("Invalid Policy: Invalid JSON.");
    }
    if (root == null || !root.isObject() || !root.path("expiration").isTextual()) {
      throw invalid("Invalid Policy: Policy missing expiration.");
    }
    Instant expiration;
    try {
      expiration = Instant.parse(root.get("expiration").asText());
    } catch (DateTimeParseException e) {
      throw invalid(
          "Invalid Policy: Invalid 'expiration' value: '" + root.get("expiration").asText() + "'");
    }
    JsonNode list = root.path("conditions");
    if (!list.isArray()) throw invalid("Invalid Policy: Policy missing conditions.");
    List<Condition> out = new ArrayList<>();
    for (JsonNode c : list) out.add(condition(c));
    return new PostPolicy(expiration, out);
  }

  private static Condition condition(JsonNode c) {
    String text = c.toString();
    if (c.isObject() && c.size() == 1) {
      Map.Entry<String, JsonNode> e = c.properties().iterator().next();
      return new Condition("eq", field(e.getKey()), e.getValue().asText(), 0, 0, text);
    }
    if (c.isArray() && c.size() == 3) {
      String op = c.get(0).asText().toLowerCase(Locale.ROOT);
      switch (op) {
        case "eq", "starts-with" -> {
          String f = c.get(1).asText();
          if (!f.startsWith("$")) throw invalid("Invalid Policy: Invalid Condition: " + text);
          return new Condition(op, field(f.substring(1)), c.get(2).asText(), 0, 0, text);
        }
        case "content-length-range" -> {
          if (!c.get(1).canConvertToLong()
              || !c.get(2).canConvertToLong()
              || c.get(1).asLong() < 0
              || c.get(2).asLong() < c.get(1).asLong()) {
            throw invalid("Invalid Policy: Invalid content-length-range: " + text);
          }
          return new Condition(op, null, null, c.get(1).asLong(), c.get(2).asLong(), text);
        }
        default -> {}
      }
    }
    throw invalid("Invalid Policy: Invalid Condition: " + text);
  }

  private static String field(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Checks expiry and every condition against {@code fields} (lower-case names, including {@code
   * bucket} and the final {@code key}), and that every form field is covered by a condition.
   * AccessDenied "Invalid according to Policy: …" as S3 answers.
   */
  void check(Map<String, String> fields, Set<String> formFieldNames, Instant now) {
    if (!now.isBefore(expiration)) throw denied("Policy expired.");
    Set<String> covered = new HashSet<>();
    for (Condition c : conditions) {
      if (c.kind().equals("content-length-range")) continue;
      covered.add(c.field());
      String actual = fields.get(c.field());
      boolean ok =
          actual != null
              && (c.kind().equals("eq") ? actual.equals(c.value()) : actual.startsWith(c.value()));
      if (!ok) throw denied("Policy Condition failed: " + c.text());
    }
    List<String> extra = new ArrayList<>();
    for (String name : formFieldNames) {
      if (EXEMPT.contains(name)
          || name.startsWith("x-ignore-")
          || name.startsWith("x-amz-checksum-")
          || covered.contains(name)) {
        continue;
      }
      extra.add(name);
    }
    if (!extra.isEmpty()) throw denied("Extra input fields: " + String.join(", ", extra));
  }

  /** The allowed file size range, or null when the policy sets none. */
  long @Nullable [] lengthRange() {
    for (Condition c : conditions) {
      if (c.kind().equals("content-length-range")) return new long[] {c.min(), c.max()};
    }
    return null;
  }

  private static S3Exception invalid(String message) {
    return new S3Exception(S3ErrorCode.INVALID_POLICY_DOCUMENT, message);
  }

  private static S3Exception denied(String why) {
    return new S3Exception(S3ErrorCode.ACCESS_DENIED, "Invalid according to Policy: " + why);
  }
}
