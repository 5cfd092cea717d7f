package dev.dfs.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, validated policy document. Immutable.
 *
 * @param version {@code 2012-10-17} or {@code 2008-10-17} (the default when absent); policy
 *     variables such as {@code ${aws:username}} are only expanded in {@code 2012-10-17}
 * @param id the optional {@code Id}
 * @param statements at least one
 */
public record Policy(String version, @Nullable String id, List<Statement> statements) {
  public static final String V2012 = "2012-10-17";
  public static final String V2008 = "2008-10-17";

  public Policy {
    statements = List.copyOf(statements);
  }

  /** Whether {@code ${...}} policy variables are expanded. */
  public boolean variables() {
    return V2012.equals(version);
  }
}
