package dev.dfs.policy;

import java.util.Locale;

/**
 * A parsed condition operator such as {@code ForAllValues:StringLikeIfExists}: its base
 * {@link Kind}, whether it is the negated form, whether {@code ...IfExists} was added and the
 * set qualifier.
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
    STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE,
    NUMERIC_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS,
    NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_EQUALS,
    DATE_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS,
    DATE_GREATER_THAN, DATE_GREATER_THAN_EQUALS,
    BOOL, IP_ADDRESS, ARN_EQUALS, ARN_LIKE, NULL
  }

  /** {@code ForAnyValue:} / {@code ForAllValues:} or neither (single-valued comparison). */
  public enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

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
    Kind kind;
    boolean negated = false;
    switch (base) {
      case "stringequals" -> kind = Kind.STRING_EQUALS;
      case "stringnotequals" -> { kind = Kind.STRING_EQUALS; negated = true; }
      case "stringequalsignorecase" -> kind = Kind.STRING_EQUALS_IGNORE_CASE;
      case "stringnotequalsignorecase" -> { kind = Kind.STRING_EQUALS_IGNORE_CASE; negated = true; }
      case "stringlike" -> kind = Kind.STRING_LIKE;
      case "stringnotlike" -> { kind = Kind.STRING_LIKE; negated = true; }
      case "numericequals" -> kind = Kind.NUMERIC_EQUALS;
      case "numericnotequals" -> { kind = Kind.NUMERIC_EQUALS; negated = true; }
      case "numericlessthan" -> kind = Kind.NUMERIC_LESS_THAN;
      case "numericlessthanequals" -> kind = Kind.NUMERIC_LESS_THAN_EQUALS;
      case "numericgreaterthan" -> kind = Kind.NUMERIC_GREATER_THAN;
      case "numericgreaterthanequals" -> kind = Kind.NUMERIC_GREATER_THAN_EQUALS;
      case "dateequals" -> kind = Kind.DATE_EQUALS;
      case "datenotequals" -> { kind = Kind.DATE_EQUALS; negated = true; }
      case "datelessthan" -> kind = Kind.DATE_LESS_THAN;
      case "datelessthanequals" -> kind = Kind.DATE_LESS_THAN_EQUALS;
      case "dategreaterthan" -> kind = Kind.DATE_GREATER_THAN;
      case "dategreaterthanequals" -> kind = Kind.DATE_GREATER_THAN_EQUALS;
      case "bool" -> kind = Kind.BOOL;
      case "ipaddress" -> kind = Kind.IP_ADDRESS;
      case "notipaddress" -> { kind = Kind.IP_ADDRESS; negated = true; }
      case "arnequals" -> kind = Kind.ARN_EQUALS;
      case "arnnotequals" -> { kind = Kind.ARN_EQUALS; negated = true; }
      case "arnlike" -> kind = Kind.ARN_LIKE;
      case "arnnotlike" -> { kind = Kind.ARN_LIKE; negated = true; }
      case "null" -> kind = Kind.NULL;
      default -> throw new MalformedPolicyException("Invalid Condition type : " + name);
    }
    if (kind == Kind.NULL && (ifExists || q != Qualifier.NONE)) {
      throw new MalformedPolicyException("Invalid Condition type : " + name);
    }
    return new ConditionOperator(name, kind, negated, ifExists, q);
  }
}
