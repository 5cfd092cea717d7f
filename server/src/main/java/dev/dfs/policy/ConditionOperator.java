package dev.dfs.policy;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed condition operator such as {@code ForAllValues:StringLikeIfExists}: its base {@link
 * Kind}, whether it is the negated form, whether {@code ...IfExists} was added and the set
 * qualifier.
 *
 * @param name the operator as written in the policy
 * @param kind the comparison family
 * @param negated true for {@code StringNotEquals}, {@code NotIpAddress}, {@code ArnNotLike}…
 * @param ifExists true when the name ends in {@code IfExists}
 * @param qualifier how a multi-valued request key is compared
 */
public record ConditionOperator(
    String name, Kind kind, boolean negated, boolean ifExists, Qualifier qualifier) {

  /** The comparison family. */
  public enum Kind {
    STRING_EQUALS,
    STRING_EQUALS_IGNORE_CASE,
    STRING_LIKE,
    NUMERIC_EQUALS,
    NUMERIC_LESS_THAN,
    NUMERIC_LESS_THAN_EQUALS,
    NUMERIC_GREATER_THAN,
    NUMERIC_GREATER_THAN_EQUALS,
    DATE_EQUALS,
    DATE_LESS_THAN,
    DATE_LESS_THAN_EQUALS,
    DATE_GREATER_THAN,
    DATE_GREATER_THAN_EQUALS,
    BOOL,
    IP_ADDRESS,
    ARN_EQUALS,
    ARN_LIKE,
    NULL
  }

  /** {@code ForAnyValue:} / {@code ForAllValues:} or neither (single-valued comparison). */
  public enum Qualifier {
    NONE,
    FOR_ANY_VALUE,
    FOR_ALL_VALUES
  }

  /**
   * Parses an operator name (case-insensitive, as IAM accepts it).
   *
   * @throws MalformedPolicyException {@code Invalid Condition type : <name>} for anything else
   */
  public static ConditionOperator parse(String name) {
    String rest = name;
    Qualifier q = Qualifier.NONE;
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("foranyvalue:")) {
      q = Qualifier.FOR_ANY_VALUE;
      rest = rest.substring("ForAnyValue:".length());
    } else if (lower.startsWith("forallvalues:")) {
      q = Qualifier.FOR_ALL_VALUES;
      rest = rest.substring("ForAllValues:".length());
    }
    String base = rest.toLowerCase(Locale.ROOT);
    boolean ifExists = false;
    if (base.endsWith("ifexists")) {
      ifExists = true;
      base = base.substring(0, base.length() - "ifexists".length());
    }
    String positive = NEGATED.getOrDefault(base, base);
    boolean negated = !positive.equals(base);
    Kind kind = kind(positive);
    if (kind == null) throw new MalformedPolicyException("Invalid Condition type : " + name);
    if (kind == Kind.NULL && (ifExists || q != Qualifier.NONE)) {
      throw new MalformedPolicyException("Invalid Condition type : " + name);
    }
    return new ConditionOperator(name, kind, negated, ifExists, q);
  }

  /** The negated operators' names (lower case), each with the name of the one it negates. */
  private static final Map<String, String> NEGATED =
      Map.of(
          "stringnotequals", "stringequals",
          "stringnotequalsignorecase", "stringequalsignorecase",
          "stringnotlike", "stringlike",
          "numericnotequals", "numericequals",
          "datenotequals", "dateequals",
          "notipaddress", "ipaddress",
          "arnnotequals", "arnequals",
          "arnnotlike", "arnlike");

  /** The kind of a positive operator's lower-case name, or null for an unknown name. */
  private static @Nullable Kind kind(String base) {
    return switch (base) {
      case "stringequals" -> Kind.STRING_EQUALS;
      case "stringequalsignorecase" -> Kind.STRING_EQUALS_IGNORE_CASE;
      case "stringlike" -> Kind.STRING_LIKE;
      case "numericequals" -> Kind.NUMERIC_EQUALS;
      case "numericlessthan" -> Kind.NUMERIC_LESS_THAN;
      case "numericlessthanequals" -> Kind.NUMERIC_LESS_THAN_EQUALS;
      case "numericgreaterthan" -> Kind.NUMERIC_GREATER_THAN;
      case "numericgreaterthanequals" -> Kind.NUMERIC_GREATER_THAN_EQUALS;
      case "dateequals" -> Kind.DATE_EQUALS;
      case "datelessthan" -> Kind.DATE_LESS_THAN;
      case "datelessthanequals" -> Kind.DATE_LESS_THAN_EQUALS;
      case "dategreaterthan" -> Kind.DATE_GREATER_THAN;
      case "dategreaterthanequals" -> Kind.DATE_GREATER_THAN_EQUALS;
      case "bool" -> Kind.BOOL;
      case "ipaddress" -> Kind.IP_ADDRESS;
      case "arnequals" -> Kind.ARN_EQUALS;
      case "arnlike" -> Kind.ARN_LIKE;
      case "null" -> Kind.NULL;
      default -> null;
    };
  }
}
