package dev.dfs.policy;

import java.util.Locale;
import java.util.Set;

/**
 * S3's definition of a public bucket policy (GetBucketPolicyStatus, Block Public Access): a policy
 * is public when an {@code Allow} statement grants to everyone ({@code Principal "*"} or {@code
 * {"AWS": "*"}}, or any {@code NotPrincipal}) without a condition that pins one of the restricting
 * keys to fixed values. Restricting keys: {@code aws:SourceIp} (a CIDR block other than {@code
 * /0}), {@code aws:SourceArn}, {@code aws:SourceVpc}, {@code aws:SourceVpce}, {@code
 * aws:SourceAccount}, {@code aws:SourceOwner}, {@code aws:PrincipalOrgID}, {@code
 * aws:PrincipalAccount}, {@code aws:PrincipalArn}, {@code aws:userid}, {@code
 * s3:DataAccessPointArn}, {@code s3:DataAccessPointAccount}; fixed means a positive, non-{@code
 * IfExists}, single-valued operator whose values hold no wildcard. Pure.
 */
public final class PolicyStatus {
  private static final Set<String> RESTRICTING =
      Set.of(
          "aws:sourceip",
          "aws:sourcearn",
          "aws:sourcevpc",
          "aws:sourcevpce",
          "aws:sourceaccount",
          "aws:sourceowner",
          "aws:principalorgid",
          "aws:principalaccount",
          "aws:principalarn",
          "aws:userid",
          "s3:dataaccesspointarn",
          "s3:dataaccesspointaccount");

  private PolicyStatus() {}

  /** Whether {@code policy} is public in S3's sense. */
  public static boolean isPublic(Policy policy) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.ALLOW || s.principals() == null) continue;
      boolean everyone = s.notPrincipal() || s.principals().any();
      if (everyone && !restricted(s)) return true;
    }
    return false;
  }

  private static boolean restricted(Statement s) {
    for (Condition c : s.conditions()) {
      ConditionOperator op = c.operator();
      if (!RESTRICTING.contains(c.key().toLowerCase(Locale.ROOT))) continue;
      if (op.negated()
          || op.ifExists()
          || op.qualifier() != ConditionOperator.Qualifier.NONE
          || op.kind() == ConditionOperator.Kind.NULL) {
        continue;
      }
      if (fixed(c)) return true;
    }
    return false;
  }

  private static boolean fixed(Condition c) {
    for (String v : c.values()) {
      if (Wildcard.hasWildcard(v) || v.contains("${")) return false;
      if (c.operator().kind() == ConditionOperator.Kind.IP_ADDRESS) {
        try {
          if (IpRange.parse(v).prefix() == 0) return false;
        } catch (IllegalArgumentException e) {
          return false;
        }
      } else if (c.operator().kind() == ConditionOperator.Kind.BOOL) {
        return false;
      }
    }
    return true;
  }
}
