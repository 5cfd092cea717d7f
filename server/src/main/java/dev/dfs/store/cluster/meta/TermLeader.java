package dev.dfs.store.cluster.meta;

/**
 * A node's Raft current term and the leader it knows for that term ({@code ""}: none known), as one
 * voter reports it to a read barrier's confirmation round ({@link VoterTally}). Its text form,
 * {@code "<term> <leader>"}, is what a node answers on its chunk service ({@code GET /v1/term}).
 * Immutable.
 */
public record TermLeader(long term, String leader) {
  /** No term seen yet and no leader. */
  static final TermLeader NONE = new TermLeader(-1, "");

  public TermLeader {
    if (leader.indexOf(' ') >= 0 || leader.indexOf('\n') >= 0)
      throw new IllegalArgumentException("a leader id has no blanks: " + leader);
  }

  /** Whether a leader is known. */
  public boolean hasLeader() {
    return !leader.isEmpty();
  }

  /** The text form: {@code "<term> <leader>"}. */
  public String encode() {
    return term + " " + leader;
  }

  /**
   * Parses {@link #encode}'s form.
   *
   * @throws IllegalArgumentException if {@code text} is not in that form
   */
  public static TermLeader decode(String text) {
    String t = text.strip();
    int sp = t.indexOf(' ');
    try {
      if (sp < 0) return new TermLeader(Long.parseLong(t), "");
      return new TermLeader(Long.parseLong(t.substring(0, sp)), t.substring(sp + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a term and leader: " + t, e);
    }
  }
}
