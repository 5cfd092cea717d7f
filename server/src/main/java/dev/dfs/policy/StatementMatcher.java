package dev.dfs.policy;

import dev.dfs.authz.AccessRequest;
import java.io.IOException;
import java.util.List;

/**
 * Whether a statement applies to a request: its principal, action and resource parts (each possibly
 * negated with {@code Not...}) and then its conditions. Pure and thread-safe.
 */
public final class StatementMatcher {
  private static final String S3_ARN = "arn:aws:s3:::";

  private StatementMatcher() {}

  /** Whether {@code s} applies to {@code r}. */
  public static boolean applies(Statement s, AccessRequest r, boolean variables)
      throws IOException {
    if (s.principals() != null && s.principals().matches(r.principal()) == s.notPrincipal()) {
      return false;
    }
    if (anyAction(s.actions(), r.action()) == s.notAction()) return false;
    if (anyResource(s.resources(), resourceArn(r), r, variables) == s.notResource()) return false;
    return ConditionEvaluator.all(s.conditions(), r, variables);
  }

  /** Whether one of the patterns names {@code action} (case-insensitive, wildcards). */
  public static boolean anyAction(List<String> patterns, String action) {
    for (String p : patterns) {
      if (Wildcard.matches(p, action, true)) return true;
    }
    return false;
  }

  /**
   * The ARN a request addresses: {@code arn:aws:s3:::bucket/key}, {@code arn:aws:s3:::bucket}, or
   * {@code *} for service-level requests.
   */
  public static String resourceArn(AccessRequest r) {
    if (r.bucket() == null) return "*";
    return r.key() == null ? S3_ARN + r.bucket() : S3_ARN + r.bucket() + "/" + r.key();
  }

  private static boolean anyResource(
      List<String> patterns, String arn, AccessRequest r, boolean variables) throws IOException {
    for (String p : patterns) {
      String pattern = variables ? ContextKeys.expand(p, r) : p;
      if (pattern != null && Wildcard.matches(pattern, arn)) return true;
    }
    return false;
  }
}
