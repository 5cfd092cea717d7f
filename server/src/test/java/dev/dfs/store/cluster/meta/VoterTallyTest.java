package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The majority rule of a read barrier's confirmation round. */
class VoterTallyTest {
  private static final TermLeader SEEN = new TermLeader(7, "n1");
  private static final Set<String> THREE = Set.of("n1", "n2", "n3");
  private static final Set<String> FIVE = Set.of("n1", "n2", "n3", "n4", "n5");

  @Test
  void threeVotersConfirmWithSelfAndOneAgreeing() {
    VoterTally t = new VoterTally(SEEN, List.of(THREE));
    assertThat(t.answer("n1", SEEN)).isFalse();
    assertThat(t.confirmed()).isFalse();
    assertThat(t.answer("n2", new TermLeader(7, "n1"))).isTrue();
    assertThat(t.confirmed()).isTrue();
  }

  @Test
  void aHigherTermOrAnotherLeaderDoesNotCount() {
    VoterTally t = new VoterTally(SEEN, List.of(THREE));
    t.answer("n1", SEEN);
    assertThat(t.answer("n2", new TermLeader(8, "n2"))).isFalse(); // n3 may still agree
    assertThat(t.answer("n3", new TermLeader(7, "n3"))).isTrue(); // settled: cannot confirm
    assertThat(t.confirmed()).isFalse();
  }

  @Test
  void aLowerTermDoesNotCountEither() {
    VoterTally t = new VoterTally(SEEN, List.of(THREE));
    t.answer("n1", SEEN);
    t.answer("n2", new TermLeader(6, "n1"));
    assertThat(t.confirmed()).isFalse();
  }

  @Test
  void failuresDoNotCountAndSettleTheRoundOnceNoMajorityIsLeft() {
    VoterTally t = new VoterTally(SEEN, List.of(THREE));
    t.answer("n1", SEEN);
    assertThat(t.failed("n2")).isFalse();
    assertThat(t.failed("n3")).isTrue();
    assertThat(t.confirmed()).isFalse();
  }

  @Test
  void aCutOffLeaderAloneNeverConfirms() {
    VoterTally t = new VoterTally(SEEN, List.of(FIVE));
    t.answer("n1", SEEN);
    t.answer("n2", SEEN); // the one follower on its side of the cut
    t.failed("n3");
    t.answer("n4", new TermLeader(8, "n4"));
    assertThat(t.answer("n5", new TermLeader(8, "n4"))).isTrue();
    assertThat(t.confirmed()).isFalse();
  }

  @Test
  void fiveVotersNeedThree() {
    VoterTally t = new VoterTally(SEEN, List.of(FIVE));
    t.answer("n1", SEEN);
    t.failed("n2");
    assertThat(t.answer("n3", SEEN)).isFalse();
    assertThat(t.confirmed()).isFalse();
    assertThat(t.answer("n5", SEEN)).isTrue();
    assertThat(t.confirmed()).isTrue();
  }

  @Test
  void aVoterCountsOnceAndOnlyItsFirstAnswer() {
    VoterTally t = new VoterTally(SEEN, List.of(THREE));
    t.answer("n2", SEEN);
    t.answer("n2", SEEN);
    assertThat(t.confirmed()).isFalse();
    t.failed("n2"); // a late failure of a voter that agreed changes nothing
    assertThat(t.answer("n3", SEEN)).isTrue();
    assertThat(t.confirmed()).isTrue();
  }

  @Test
  void noKnownLeaderNeverConfirms() {
    TermLeader none = new TermLeader(7, "");
    VoterTally t = new VoterTally(none, List.of(THREE));
    t.answer("n1", none);
    t.answer("n2", none);
    t.answer("n3", none);
    assertThat(t.confirmed()).isFalse();
  }

  @Test
  void aJointConfigurationNeedsAMajorityOfTheOldAndTheNewVoters() {
    Set<String> next = Set.of("n1", "n4", "n5");
    VoterTally t = new VoterTally(SEEN, List.of(next, THREE));
    t.answer("n1", SEEN);
    t.answer("n2", SEEN);
    t.answer("n3", SEEN);
    assertThat(t.confirmed()).isFalse(); // a majority of the old voters only
    assertThat(t.answer("n4", SEEN)).isTrue();
    assertThat(t.confirmed()).isTrue();
  }

  @Test
  void aSingleVoterConfirmsItself() {
    VoterTally t = new VoterTally(SEEN, List.of(Set.of("n1")));
    assertThat(t.answer("n1", SEEN)).isTrue();
    assertThat(t.confirmed()).isTrue();
  }

  @Test
  void termLeaderRoundTripsItsTextForm() {
    assertThat(TermLeader.decode(SEEN.encode())).isEqualTo(SEEN);
    assertThat(TermLeader.decode("3 ")).isEqualTo(new TermLeader(3, ""));
    assertThat(TermLeader.decode("3")).isEqualTo(new TermLeader(3, ""));
  }
}
