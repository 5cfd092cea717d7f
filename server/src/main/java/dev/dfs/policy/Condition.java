package dev.dfs.policy;

import java.util.List;

/**
 * One condition test: an operator applied to one context key with its allowed values (OR'ed). A
 * statement's conditions are AND'ed.
 *
 * @param operator the parsed operator
 * @param key the context key as written (names compare case-insensitively)
 * @param values the policy's values, at least one
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
  public Condition {
    values = List.copyOf(values);
  }
}
