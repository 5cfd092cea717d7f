package dev.dfs.policy;

import dev.dfs.authz.AccessRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Evaluates conditions as IAM does:
 *
 * <ul>
 *   <li>a statement's conditions (operators and keys) are AND'ed; the values of one key are OR'ed;
 *   <li>a positive operator on a missing key is false; a negated one ({@code StringNotEquals},
 *       {@code NotIpAddress}, {@code ArnNotLike}…) is true; with {@code ...IfExists} a missing key
 *       is true;
 *   <li>a negated operator on a present key holds when no request value matches any policy value;
 *   <li>{@code ForAnyValue:} holds when at least one request value satisfies the operator (false
 *       for a missing key); {@code ForAllValues:} when every request value does (true for a missing
 *       or empty key);
 *   <li>{@code Null}: {@code true} holds when the key is missing, {@code false} when present.
 * </ul>
 *
 * String and ARN values may hold policy variables ({@code ${aws:username}}) in policies of version
 * 2012-10-17. Pure and thread-safe.
 */
public final class ConditionEvaluator {
  private ConditionEvaluator() {}

  /** Whether every condition holds for {@code request}. */
  public static boolean all(List<Condition> conditions, AccessRequest request, boolean variables)
      throws IOException {
    for (Condition c : conditions) {
      if (!holds(c, request, variables)) return false;
    }
    return true;
  }

  /** Whether one condition holds. */
  public static boolean holds(Condition c, AccessRequest request, boolean variables)
      throws IOException {
    ConditionOperator op = c.operator();
    List<String> actual = ContextKeys.values(c.key(), request);
    if (op.kind() == ConditionOperator.Kind.NULL) {
      boolean wantMissing = Boolean.TRUE.equals(ConditionValues.bool(c.values().get(0)));
      return wantMissing == (actual == null || actual.isEmpty());
    }
    boolean missing = actual == null || actual.isEmpty();
    List<String> present = actual == null ? List.of() : actual;
    switch (op.qualifier()) {
      case FOR_ANY_VALUE -> {
        if (missing) return false;
        for (String a : present) {
          if (single(op, a, c.values(), request, variables)) return true;
        }
        return false;
      }
      case FOR_ALL_VALUES -> {
        if (missing) return true;
        for (String a : present) {
          if (!single(op, a, c.values(), request, variables)) return false;
        }
        return true;
      }
      default -> {
        if (missing) return op.ifExists() || op.negated();
        boolean any = false;
        for (String a : present) {
          if (matchesAny(op, a, c.values(), request, variables)) {
            any = true;
            break;
          }
        }
        return op.negated() != any;
      }
    }
  }

  /** One request value against the operator, negation applied. */
  private static boolean single(
      ConditionOperator op,
      String actual,
      List<String> values,
      AccessRequest request,
      boolean variables)
      throws IOException {
    return op.negated() != matchesAny(op, actual, values, request, variables);
  }

  /** Whether {@code actual} matches at least one policy value (positive form). */
  private static boolean matchesAny(
      ConditionOperator op,
      String actual,
      List<String> values,
      AccessRequest request,
      boolean variables)
      throws IOException {
    for (String v : values) {
      String expected = variables && textual(op.kind()) ? ContextKeys.expand(v, request) : v;
      if (expected != null && matches(op.kind(), actual, expected)) return true;
    }
    return false;
  }

  private static boolean textual(ConditionOperator.Kind kind) {
    return switch (kind) {
      case STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE, ARN_EQUALS, ARN_LIKE -> true;
      default -> false;
    };
  }

  static boolean matches(ConditionOperator.Kind kind, String actual, String expected) {
    return switch (kind) {
      case STRING_EQUALS -> actual.equals(expected);
      case STRING_EQUALS_IGNORE_CASE -> actual.equalsIgnoreCase(expected);
      case STRING_LIKE, ARN_EQUALS, ARN_LIKE -> Wildcard.matches(expected, actual);
      case NUMERIC_EQUALS -> compareNumbers(actual, expected, c -> c == 0);
      case NUMERIC_LESS_THAN -> compareNumbers(actual, expected, c -> c < 0);
      case NUMERIC_LESS_THAN_EQUALS -> compareNumbers(actual, expected, c -> c <= 0);
      case NUMERIC_GREATER_THAN -> compareNumbers(actual, expected, c -> c > 0);
      case NUMERIC_GREATER_THAN_EQUALS -> compareNumbers(actual, expected, c -> c >= 0);
      case DATE_EQUALS -> compareDates(actual, expected, c -> c == 0);
      case DATE_LESS_THAN -> compareDates(actual, expected, c -> c < 0);
      case DATE_LESS_THAN_EQUALS -> compareDates(actual, expected, c -> c <= 0);
      case DATE_GREATER_THAN -> compareDates(actual, expected, c -> c > 0);
      case DATE_GREATER_THAN_EQUALS -> compareDates(actual, expected, c -> c >= 0);
      case BOOL -> {
        Boolean a = ConditionValues.bool(actual);
        yield a != null && a.equals(ConditionValues.bool(expected));
      }
      case IP_ADDRESS -> {
        try {
          yield IpRange.parse(expected).contains(actual);
        } catch (IllegalArgumentException e) {
          yield false;
        }
      }
      case NULL -> false;
    };
  }

  private interface Cmp {
    boolean test(int c);
  }

  private static boolean compareNumbers(String actual, String expected, Cmp cmp) {
    BigDecimal a = ConditionValues.number(actual);
    BigDecimal e = ConditionValues.number(expected);
    return a != null && e != null && cmp.test(a.compareTo(e));
  }

  private static boolean compareDates(String actual, String expected, Cmp cmp) {
    Instant a = ConditionValues.date(actual);
    Instant e = ConditionValues.date(expected);
    return a != null && e != null && cmp.test(a.compareTo(e));
  }
}
