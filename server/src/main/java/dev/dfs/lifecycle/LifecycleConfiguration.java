package dev.dfs.lifecycle;

import java.util.List;

/**
 * A bucket's lifecycle configuration: its rules in document order. Immutable and thread-safe. The
 * S3 protocol layer parses, validates and renders it; the {@link LifecycleEvaluator} and the {@link
 * LifecycleWorker} apply it.
 */
public record LifecycleConfiguration(List<LifecycleRule> rules) {
  /** The most rules one configuration may hold, as in S3. */
  public static final int MAX_RULES = 1000;

  public LifecycleConfiguration {
    rules = List.copyOf(rules);
  }

  /** The enabled rules. */
  public List<LifecycleRule> enabledRules() {
    return rules.stream().filter(LifecycleRule::enabled).toList();
  }
}
