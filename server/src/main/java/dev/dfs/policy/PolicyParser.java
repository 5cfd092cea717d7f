package dev.dfs.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates policy documents as S3 does, into immutable {@link Policy} records. Every
 * problem is a {@link MalformedPolicyException} naming it; nothing else escapes. Pure and
 * thread-safe.
 *
 * <p>Checks: size (at most {@value #MAX_BYTES} bytes), JSON syntax, known fields only, {@code
 * Version} {@code 2012-10-17} or {@code 2008-10-17}, {@code Statement} (one object or a non-empty
 * array), {@code Effect} {@code Allow|Deny}, one of {@code Action/NotAction} with {@code s3:}
 * actions or {@code *}, one of {@code Resource/NotResource}; in a bucket policy a {@code
 * Principal}/{@code NotPrincipal} and resources inside the bucket; known condition operators with
 * values of their type (numbers, dates, booleans, CIDR blocks).
 */
public final class PolicyParser {
  /** S3's limit on a bucket policy's size. */
  public static final int MAX_BYTES = 20 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> TOP_FIELDS = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_FIELDS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");
  private static final String S3_ARN = "arn:aws:s3:::";

  private PolicyParser() {}

  /**
   * Parses a bucket policy of {@code bucket}: principals are required, resources must lie in the
   * bucket.
   */
  public static Policy parseBucketPolicy(String json, String bucket) {
    return parse(json, bucket);
  }

  /** Parses an identity (user) policy: no principals, resources in any bucket or {@code *}. */
  public static Policy parseIdentityPolicy(String json) {
    return parse(json, null);
  }

  private static Policy parse(String json, @Nullable String bucket) {
    if (json == null || json.isBlank())
      throw bad("Policies must be valid JSON and the first byte must be '{'");
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw bad("Policy exceeds the maximum allowed document size.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw bad("This policy contains invalid Json");
    }
    if (root == null || !root.isObject()) {
      throw bad("Policies must be valid JSON and the first byte must be '{'");
    }
    checkFields(root, TOP_FIELDS);
    String version = Policy.V2008;
    JsonNode v = root.get("Version");
    if (v != null) {
      if (!v.isTextual() || !(v.asText().equals(Policy.V2012) || v.asText().equals(Policy.V2008))) {
        throw bad("The policy must contain a valid version string");
      }
      version = v.asText();
    }
    String id = text(root.get("Id"), "Id");
    JsonNode st = root.get("Statement");
    if (st == null || st.isNull()) throw bad("Missing required field Statement");
    List<Statement> statements = new ArrayList<>();
    if (st.isObject()) {
      statements.add(statement(st, bucket));
    } else if (st.isArray()) {
      if (st.isEmpty()) throw bad("Could not parse the policy: Statement is empty!");
      Set<String> sids = new HashSet<>();
      for (JsonNode s : st) {
        if (!s.isObject()) throw bad("Statement must be an object");
        Statement parsed = statement(s, bucket);
        if (parsed.sid() != null && !parsed.sid().isEmpty() && !sids.add(parsed.sid())) {
          throw bad("Statement IDs (SID) in a single policy must be unique: " + parsed.sid());
        }
        statements.add(parsed);
      }
    } else {
      throw bad("Statement must be an object or an array of objects");
    }
    return new Policy(version, id, statements);
  }

  private static Statement statement(JsonNode s, @Nullable String bucket) {
    checkFields(s, STATEMENT_FIELDS);
    String sid = text(s.get("Sid"), "Sid");
    JsonNode e = s.get("Effect");
    if (e == null || e.isNull()) throw bad("Missing required field Effect");
    Effect effect =
        switch (e.isTextual() ? e.asText() : "") {
          case "Allow" -> Effect.ALLOW;
          case "Deny" -> Effect.DENY;
          default -> throw bad("Invalid effect: " + e.asText());
        };
    Pair principal = pair(s, "Principal", "NotPrincipal");
    PrincipalSpec principals = null;
    if (principal == null) {
      if (bucket != null) throw bad("Missing required field Principal");
    } else {
      if (bucket == null) throw bad("Policy document should not specify a principal.");
      principals = principals(principal.node());
    }
    Pair action = pair(s, "Action", "NotAction");
    if (action == null) throw bad("Missing required field Action");
    List<String> actions = strings(action.node(), action.name());
    for (String a : actions) {
      if (!a.equals("*") && !a.toLowerCase(Locale.ROOT).startsWith("s3:")) {
        throw bad("Policy has invalid action");
      }
    }
    Pair resource = pair(s, "Resource", "NotResource");
    if (resource == null) throw bad("Missing required field Resource");
    List<String> resources = strings(resource.node(), resource.name());
    for (String r : resources) checkResource(r, bucket);
    List<Condition> conditions = conditions(s.get("Condition"));
    return new Statement(
        sid,
        effect,
        principals,
        principal != null && principal.negated(),
        actions,
        action.negated(),
        resources,
        resource.negated(),
        conditions);
  }

  private record Pair(String name, JsonNode node, boolean negated) {}

  private static @Nullable Pair pair(JsonNode s, String plain, String not) {
    JsonNode a = s.get(plain);
    JsonNode b = s.get(not);
    if (a != null && b != null) throw bad("Statement has both " + plain + " and " + not);
    if (a != null) return new Pair(plain, a, false);
    if (b != null) return new Pair(not, b, true);
    return null;
  }

  private static PrincipalSpec principals(JsonNode node) {
    if (node.isTextual()) {
      if (node.asText().equals("*")) return PrincipalSpec.EVERYONE;
      throw bad("Invalid principal in policy");
    }
    if (!node.isObject() || node.isEmpty()) throw bad("Invalid principal in policy");
    boolean any = false;
    Set<String> users = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!f.getKey().equals("AWS") && !f.getKey().equals("CanonicalUser")) {
        throw bad("Invalid principal in policy");
      }
      for (String p : strings(f.getValue(), "Principal")) {
        if (p.equals("*")) {
          any = true;
        } else {
          users.add(userOf(p));
        }
      }
    }
    return new PrincipalSpec(any, users);
  }

  /** The DFS user id a principal string names (see {@link PrincipalSpec}). */
  static String userOf(String p) {
    if (!p.startsWith("arn:")) {
      if (p.isBlank() || p.indexOf(':') >= 0 || p.indexOf('*') >= 0) {
        throw bad("Invalid principal in policy");
      }
      return p;
    }
    String[] parts = p.split(":", 6);
    if (parts.length != 6 || !parts[2].equals("iam") || parts[4].isEmpty()) {
      throw bad("Invalid principal in policy");
    }
    String res = parts[5];
    if (res.equals("root")) return parts[4];
    if (res.startsWith("user/") && !res.endsWith("/")) {
      String name = res.substring(res.lastIndexOf('/') + 1);
      if (!name.isEmpty() && name.indexOf('*') < 0) return name;
    }
    throw bad("Invalid principal in policy");
  }

  private static void checkResource(String r, @Nullable String bucket) {
    if (bucket == null) {
      if (r.equals("*") || r.startsWith(S3_ARN) && r.length() > S3_ARN.length()) return;
      throw bad("Policy has invalid resource");
    }
    if (!r.startsWith(S3_ARN)) throw bad("Policy has invalid resource");
    String rest = r.substring(S3_ARN.length());
    int slash = rest.indexOf('/');
    String bucketPart = slash < 0 ? rest : rest.substring(0, slash);
    if (bucketPart.isEmpty() || !Wildcard.matches(bucketPart, bucket)) {
      throw bad("Policy has invalid resource");
    }
  }

  private static List<Condition> conditions(JsonNode node) {
    if (node == null || node.isNull()) return List.of();
    if (!node.isObject()) throw bad("Condition must be an object");
    List<Condition> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> ops = node.properties().iterator();
        ops.hasNext(); ) {
      Map.Entry<String, JsonNode> op = ops.next();
      ConditionOperator operator = ConditionOperator.parse(op.getKey());
      if (!op.getValue().isObject() || op.getValue().isEmpty()) {
        throw bad("Condition " + op.getKey() + " must map condition keys to values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().properties().iterator();
          keys.hasNext(); ) {
        Map.Entry<String, JsonNode> k = keys.next();
        String key = k.getKey();
        if (!ContextKeys.isValidName(key)) {
          throw bad("Policy has an invalid condition key: " + key);
        }
        List<String> values = scalars(k.getValue(), key);
        for (String value : values) checkValue(operator, key, value);
        out.add(new Condition(operator, key, values));
      }
    }
    return out;
  }

  private static void checkValue(ConditionOperator op, String key, String value) {
    boolean ok =
        switch (op.kind()) {
          case NUMERIC_EQUALS,
              NUMERIC_LESS_THAN,
              NUMERIC_LESS_THAN_EQUALS,
              NUMERIC_GREATER_THAN,
              NUMERIC_GREATER_THAN_EQUALS ->
              ConditionValues.number(value) != null;
          case DATE_EQUALS,
              DATE_LESS_THAN,
              DATE_LESS_THAN_EQUALS,
              DATE_GREATER_THAN,
              DATE_GREATER_THAN_EQUALS ->
              ConditionValues.date(value) != null;
          case BOOL, NULL -> ConditionValues.bool(value) != null;
          case IP_ADDRESS -> {
            try {
              IpRange.parse(value);
              yield true;
            } catch (IllegalArgumentException e) {
              yield false;
            }
          }
          default -> true;
        };
    if (!ok) {
      throw bad("Invalid value '" + value + "' for condition " + op.name() + " on key " + key);
    }
  }

  /** A string or an array of strings, not empty. */
  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isArray() && !node.isEmpty()) {
      for (JsonNode n : node) {
        if (!n.isTextual()) throw bad(field + " must be a string or an array of strings");
        out.add(n.asText());
      }
    } else {
      throw bad(field + " must be a string or an array of strings");
    }
    for (String s : out) if (s.isEmpty()) throw bad(field + " must not be empty");
    return out;
  }

  /** Condition values: a scalar (string, number, boolean) or a non-empty array of them. */
  private static List<String> scalars(JsonNode node, String key) {
    List<String> out = new ArrayList<>();
    if (node.isValueNode() && !node.isNull()) {
      out.add(node.asText());
    } else if (node.isArray() && !node.isEmpty()) {
      for (JsonNode n : node) {
        if (!n.isValueNode() || n.isNull()) throw bad("Invalid value for condition key " + key);
        out.add(n.asText());
      }
    } else {
      throw bad("Invalid value for condition key " + key);
    }
    return out;
  }

  private static @Nullable String text(@Nullable JsonNode n, String field) {
    if (n == null || n.isNull()) return null;
    if (!n.isTextual()) throw bad(field + " must be a string");
    return n.asText();
  }

  private static void checkFields(JsonNode node, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) throw bad("Unknown field " + name);
    }
  }

  private static MalformedPolicyException bad(String message) {
    return new MalformedPolicyException(message);
  }
}
