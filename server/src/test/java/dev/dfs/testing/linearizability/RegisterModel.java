package dev.dfs.testing.linearizability;

import java.util.List;
import java.util.Objects;

/**
 * An S3 object as a register: a write sets its value, a delete removes it (also when it was absent:
 * S3's DeleteObject succeeds on a missing key), a read returns the value or absent. The key starts
 * absent.
 */
public final class RegisterModel implements Model<RegisterModel.State> {
  /** The register's content; {@code value} null: absent. */
  public record State(String value) {}

  private static final State ABSENT = new State(null);

  @Override
  public State initial() {
    return ABSENT;
  }

  @Override
  public State step(State state, Op op) {
    return switch (op.kind()) {
      case WRITE -> new State(op.value());
      case DELETE -> ABSENT;
      case READ -> Objects.equals(state.value(), op.value()) ? state : null;
    };
  }

  /**
   * A write with an unknown outcome whose value no acknowledged read returned: had it taken effect,
   * no read saw it before the next write or delete replaced it, so leaving it out changes no read's
   * legality.
   */
  @Override
  public boolean unobservable(Op indeterminate, List<Op> history) {
    if (indeterminate.kind() != Op.Kind.WRITE) return false;
    return history.stream()
        .noneMatch(
            op ->
                op.kind() == Op.Kind.READ
                    && op.outcome() == Op.Outcome.OK
                    && Objects.equals(op.value(), indeterminate.value()));
  }
}
