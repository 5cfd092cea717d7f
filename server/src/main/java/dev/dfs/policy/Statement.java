package dev.dfs.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a policy. Exactly one of each pair is used: {@code Action}/{@code NotAction},
 * {@code Resource}/{@code NotResource}, {@code Principal}/{@code NotPrincipal} (the latter may be
 * absent in an identity policy: {@code principals} null).
 *
 * @param sid the optional statement id
 * @param effect Allow or Deny
 * @param principals the principals named, or null when the statement names none
 * @param notPrincipal true when {@code principals} came from {@code NotPrincipal}
 * @param actions action patterns such as {@code s3:Get*} (compared case-insensitively)
 * @param notAction true when {@code actions} came from {@code NotAction}
 * @param resources resource ARN patterns
 * @param notResource true when {@code resources} came from {@code NotResource}
 * @param conditions all must hold for the statement to apply
 */
public record Statement(
    @Nullable String sid,
    Effect effect,
    @Nullable PrincipalSpec principals,
    boolean notPrincipal,
    List<String> actions,
    boolean notAction,
    List<String> resources,
    boolean notResource,
    List<Condition> conditions) {
  public Statement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }
}
