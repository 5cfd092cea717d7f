package dev.dfs.store.cluster.meta;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the answers of one read barrier's confirmation round: a barrier counts only once a
 * majority of the voters report the term and leader this node saw ({@code expected}), see "Reads"
 * in {@link RaftMetaLog}. During a membership change (a joint configuration) that majority is
 * needed in the old and in the new voters alike. A voter that reports anything else, or fails, does
 * not count; each voter counts once. Thread-safe.
 */
final class VoterTally {
  private final TermLeader expected;
  private final List<Set<String>> voterSets;
  private final Set<String> agreed = new HashSet<>();
  private final Set<String> refused = new HashSet<>();

  /**
   * @param voterSets the voters of the configuration in force, and of the previous one while a
   *     change is in progress; each needs its own majority
   */
  VoterTally(TermLeader expected, List<Set<String>> voterSets) {
    this.expected = expected;
    this.voterSets = List.copyOf(voterSets);
  }

  /**
   * Records {@code voter}'s answer and returns whether the round is settled: confirmed, or unable
   * to be confirmed whatever the voters not heard yet answer.
   */
  synchronized boolean answer(String voter, TermLeader answer) {
    if (!agreed.contains(voter) && !refused.contains(voter)) {
      if (agrees(answer)) agreed.add(voter);
      else refused.add(voter);
    }
    return confirmed() || hopeless();
  }

  /** Records a failure to ask {@code voter}; see {@link #answer}. */
  synchronized boolean failed(String voter) {
    if (!agreed.contains(voter)) refused.add(voter);
    return confirmed() || hopeless();
  }

  private boolean agrees(TermLeader answer) {
    return expected.hasLeader() && expected.equals(answer);
  }

  /** Whether a majority of every voter set reported the expected term and leader. */
  synchronized boolean confirmed() {
    for (Set<String> voters : voterSets) {
      if (count(voters, agreed) <= voters.size() / 2) return false;
    }
    return true;
  }

  private boolean hopeless() {
    for (Set<String> voters : voterSets) {
      if (voters.size() - count(voters, refused) <= voters.size() / 2) return true;
    }
    return false;
  }

  private static int count(Set<String> voters, Set<String> among) {
    int n = 0;
    for (String v : among) if (voters.contains(v)) n++;
    return n;
  }
}
