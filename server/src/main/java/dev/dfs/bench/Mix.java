package dev.dfs.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Relative weights of the operations in {@code --mode mixed}, e.g. {@code
 * get=70,put=20,stat=5,delete=5}. Weights are non-negative integers and need not add up to 100; an
 * operation is chosen with probability weight / sum.
 */
public final class Mix {
  /** The operations a mix may contain. */
  public static final Set<Op> ALLOWED = EnumSet.of(Op.GET, Op.PUT, Op.STAT, Op.DELETE, Op.LIST);

  /** What {@code --mode soak} may mix: the above plus whole multipart uploads. */
  public static final Set<Op> SOAK_ALLOWED =
      EnumSet.of(Op.GET, Op.PUT, Op.STAT, Op.DELETE, Op.LIST, Op.MULTIPART);

  public static final String DEFAULT = "get=70,put=20,stat=5,delete=5";

  /** Every kind of request a long-lived server sees, multipart included. */
  public static final String SOAK_DEFAULT = "get=50,put=25,stat=5,delete=10,list=5,multipart=5";

  private final Map<Op, Integer> weights;
  private final Op[] ops;
  private final long[] cumulative;
  private final long total;

  private Mix(Map<Op, Integer> weights) {
    this.weights = Collections.unmodifiableMap(new EnumMap<>(weights));
    this.ops =
        weights.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(Map.Entry::getKey)
            .toArray(Op[]::new);
    this.cumulative = new long[ops.length];
    long sum = 0;
    for (int i = 0; i < ops.length; i++) {
      sum += weights.getOrDefault(ops[i], 0);
      cumulative[i] = sum;
    }
    this.total = sum;
  }

  public static Mix parse(String text) {
    return parse(text, ALLOWED);
  }

  /** Parses {@code text} allowing only the operations in {@code allowed}. */
  public static Mix parse(String text, Set<Op> allowed) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("mix missing");
    Map<Op, Integer> w = new EnumMap<>(Op.class);
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      if (eq < 0) throw new IllegalArgumentException("mix entry '" + p + "' is not op=weight");
      Op op;
      try {
        op = Op.fromLabel(p.substring(0, eq));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "mix entry '" + p + "': operation must be one of " + labels(allowed));
      }
      if (!allowed.contains(op)) {
        throw new IllegalArgumentException(
            "mix entry '" + p + "': operation must be one of " + labels(allowed));
      }
      if (w.containsKey(op))
        throw new IllegalArgumentException("mix names '" + op.label() + "' twice");
      int weight;
      try {
        weight = Integer.parseInt(p.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("mix entry '" + p + "': weight must be a whole number");
      }
      if (weight < 0)
        throw new IllegalArgumentException("mix entry '" + p + "': weight is negative");
      w.put(op, weight);
    }
    Mix mix = new Mix(w);
    if (mix.total == 0)
      throw new IllegalArgumentException("mix '" + text + "' has no positive weight");
    if (mix.weight(Op.DELETE) > 0 && mix.weight(Op.PUT) == 0) {
      throw new IllegalArgumentException(
          "mix '" + text + "' deletes but never puts: the key space would run dry");
    }
    return mix;
  }

  private static String labels(Set<Op> ops) {
    return ops.stream().map(Op::label).collect(Collectors.joining(", "));
  }

  public int weight(Op op) {
    return weights.getOrDefault(op, 0);
  }

  /** The share of {@code op} in [0, 1]. */
  public double fraction(Op op) {
    return weight(op) / (double) total;
  }

  /** Draws an operation according to the weights. */
  public Op pick(RandomGenerator rng) {
    long r = rng.nextLong(total);
    for (int i = 0; i < ops.length; i++) {
      if (r < cumulative[i]) return ops[i];
    }
    throw new AssertionError("unreachable");
  }

  /** The operations with a positive weight, in declaration order of {@link Op}. */
  public Set<Op> ops() {
    EnumSet<Op> s = EnumSet.noneOf(Op.class);
    Collections.addAll(s, ops);
    return s;
  }

  @Override
  public String toString() {
    return weights.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(e -> e.getKey().label() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
