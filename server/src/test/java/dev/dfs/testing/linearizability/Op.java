package dev.dfs.testing.linearizability;

import java.util.Objects;

/**
 * One operation of a recorded history on one key: who ran it, what it did, when it was invoked and
 * when its answer arrived (nanoseconds of one monotonic clock shared by every client), and what
 * came of it.
 *
 * @param id unique within its history
 * @param client the client (thread) that ran it; a client runs one operation at a time
 * @param key the register it touches
 * @param kind what it did
 * @param value for a write, the value written; for a read, the value it returned (null: the key did
 *     not exist); null for a delete
 * @param invoke when it was sent
 * @param complete when its answer arrived; {@link Long#MAX_VALUE} when none did ({@link
 *     Outcome#INDETERMINATE})
 * @param outcome what the client knows of its effect
 */
public record Op(
    long id,
    int client,
    String key,
    Kind kind,
    String value,
    long invoke,
    long complete,
    Outcome outcome) {

  /** What an operation does to its key's register. */
  public enum Kind {
    WRITE,
    READ,
    DELETE
  }

  /** What the client knows of an operation's effect. */
  public enum Outcome {
    /** Acknowledged: it took effect once, between its invocation and its completion. */
    OK,
    /** Refused with a definite error: it took no effect. */
    FAILED,
    /**
     * Timed out or failed in a way that leaves its effect unknown: it took effect once, at any time
     * after its invocation, or never.
     */
    INDETERMINATE
  }

  public Op {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
    if (kind == Kind.WRITE && value == null)
      throw new IllegalArgumentException("a write writes a value");
    if (kind == Kind.DELETE && value != null)
      throw new IllegalArgumentException("a delete has no value");
    if (outcome == Outcome.INDETERMINATE) complete = Long.MAX_VALUE;
    if (complete < invoke)
      throw new IllegalArgumentException(
          "completed before it was invoked: " + invoke + " > " + complete);
  }

  /** An acknowledged write. */
  public static Op write(
      long id, int client, String key, String value, long invoke, long complete) {
    return new Op(id, client, key, Kind.WRITE, value, invoke, complete, Outcome.OK);
  }

  /** A read that returned {@code value} (null: not found). */
  public static Op read(long id, int client, String key, String value, long invoke, long complete) {
    return new Op(id, client, key, Kind.READ, value, invoke, complete, Outcome.OK);
  }

  /** An acknowledged delete. */
  public static Op delete(long id, int client, String key, long invoke, long complete) {
    return new Op(id, client, key, Kind.DELETE, null, invoke, complete, Outcome.OK);
  }

  /** This operation with another outcome (an indeterminate one never completes). */
  public Op withOutcome(Outcome o) {
    return new Op(id, client, key, kind, value, invoke, complete, o);
  }

  /** This operation (a read) having returned {@code v} instead. */
  public Op withValue(String v) {
    return new Op(id, client, key, kind, v, invoke, complete, outcome);
  }

  @Override
  public String toString() {
    String what =
        switch (kind) {
          case WRITE -> "write(" + value + ")";
          case READ -> "read -> " + (value == null ? "absent" : value);
          case DELETE -> "delete";
        };
    String until = complete == Long.MAX_VALUE ? "?" : Long.toString(complete);
    return "#" + id + " c" + client + " " + key + " " + what + " [" + invoke + ", " + until + "] "
        + outcome;
  }
}
