package dev.dfs.policy;

import dev.dfs.auth.Principal;
import java.util.Set;

/**
 * The principals a statement names ({@code Principal} or {@code NotPrincipal}), reduced to DFS user
 * ids. DFS users are like separate AWS accounts whose id is their name, so:
 *
 * <ul>
 *   <li>{@code "*"} and {@code {"AWS": "*"}}: everyone, including anonymous callers;
 *   <li>{@code "alice"}, {@code {"AWS": "alice"}} and {@code {"CanonicalUser": "alice"}}: user
 *       {@code alice};
 *   <li>{@code arn:aws:iam::<account>:user/alice} (any account, any path): user {@code alice};
 *   <li>{@code arn:aws:iam::alice:root} (the account's root): user {@code alice}.
 * </ul>
 *
 * @param any whether the wildcard was given
 * @param users user ids named explicitly
 */
public record PrincipalSpec(boolean any, Set<String> users) {
  public static final PrincipalSpec EVERYONE = new PrincipalSpec(true, Set.of());

  public PrincipalSpec {
    users = Set.copyOf(users);
  }

  /** Whether {@code who} is one of these principals. */
  public boolean matches(Principal who) {
    if (any) return true;
    return !who.anonymous() && users.contains(who.userId());
  }
}
