package dev.dfs.store.cluster;

import dev.dfs.store.ClusterAdmin.Refused;
import dev.dfs.store.ClusterAdmin.Refused.Kind;
import dev.dfs.store.ClusterLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The wire form of layout changes handed to the leader in a {@link MembershipService} request: one
 * line per assignment, {@code id zone capacity state} with {@code -} for a field left as it is.
 * Stateless.
 */
final class LayoutRequests {
  private LayoutRequests() {}

  static String encode(List<ClusterLayout.Assignment> changes) {
    StringBuilder b = new StringBuilder();
    for (ClusterLayout.Assignment a : changes) {
      b.append(a.nodeId())
          .append(' ')
          .append(a.zone().orElse("-"))
          .append(' ')
          .append(a.capacity().map(String::valueOf).orElse("-"))
          .append(' ')
          .append(a.state().orElse("-"))
          .append('\n');
    }
    return b.toString();
  }

  /** Parses {@link #encode}'s form; INVALID on a malformed line or none. */
  static List<ClusterLayout.Assignment> decode(String text) {
    List<ClusterLayout.Assignment> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) continue;
      String[] f = line.split(" ");
      if (f.length != 4 || f[0].isEmpty())
        throw new Refused(Kind.INVALID, "bad layout change '" + line + "'");
      try {
        out.add(
            new ClusterLayout.Assignment(
                f[0], field(f[1]), field(f[2]).map(Double::valueOf), field(f[3])));
      } catch (NumberFormatException e) {
        throw new Refused(Kind.INVALID, "bad capacity '" + f[2] + "'");
      }
    }
    if (out.isEmpty()) throw new Refused(Kind.INVALID, "no layout change given");
    return out;
  }

  /** The version an apply names; INVALID when it is not a positive number. */
  static long version(@Nullable String text) {
    try {
      long v = Long.parseLong(text == null ? "" : text.trim());
      if (v > 1) return v;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new Refused(
        Kind.INVALID,
        "apply needs the version to create (the current version + 1), got '" + text + "'");
  }

  private static Optional<String> field(String f) {
    return f.equals("-") ? Optional.empty() : Optional.of(f);
  }
}
