package dev.dfs.policy;

import dev.dfs.authz.AccessRequest;
import dev.dfs.authz.Decision;
import java.io.IOException;

/**
 * Evaluates one policy for one request: {@link Decision#DENY} when any applicable statement denies
 * (an explicit deny wins inside a policy), else {@link Decision#ALLOW} when one allows, else {@link
 * Decision#NONE}. Pure and thread-safe.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /**
   * @throws IOException only when a condition on {@code s3:ExistingObjectTag/…} needs the object's
   *     tags and reading them fails
   */
  public static Decision evaluate(Policy policy, AccessRequest request) throws IOException {
    boolean allowed = false;
    for (Statement s : policy.statements()) {
      if (s.effect() == Effect.ALLOW && allowed) continue; // only a deny can change the answer
      if (StatementMatcher.applies(s, request, policy.variables())) {
        if (s.effect() == Effect.DENY) return Decision.DENY;
        allowed = true;
      }
    }
    return allowed ? Decision.ALLOW : Decision.NONE;
  }
}
