package dev.dfs.testing.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known histories, each either linearizable or not, checked against the register model. */
class LinearizabilityCheckerTest {
  private final List<Op> ops = new ArrayList<>();

  private void write(int client, String value, long from, long to) {
    ops.add(Op.write(ops.size(), client, "k", value, from, to));
  }

  private void read(int client, String value, long from, long to) {
    ops.add(Op.read(ops.size(), client, "k", value, from, to));
  }

  private void delete(int client, long from, long to) {
    ops.add(Op.delete(ops.size(), client, "k", from, to));
  }

  private void unknownWrite(int client, String value, long from) {
    ops.add(
        new Op(ops.size(), client, "k", Op.Kind.WRITE, value, from, 0, Op.Outcome.INDETERMINATE));
  }

  private void failedWrite(int client, String value, long from, long to) {
    ops.add(new Op(ops.size(), client, "k", Op.Kind.WRITE, value, from, to, Op.Outcome.FAILED));
  }

  private Result check() {
    return LinearizabilityChecker.check(
        "k", ops, new RegisterModel(), LinearizabilityChecker.DEFAULT_BUDGET);
  }

  private void assertLinearizable() {
    Result r = check();
    assertThat(r.verdict()).as(r.describe()).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(r.longest()).as("the linearization covers every operation").hasSize(r.operations());
  }

  private Result assertNotLinearizable() {
    Result r = check();
    assertThat(r.verdict()).as(r.describe()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    return r;
  }

  @Test
  void sequentialWriteReadDeleteRead() {
    read(1, null, 0, 5);
    write(1, "a", 10, 20);
    read(2, "a", 30, 40);
    delete(1, 50, 60);
    read(2, null, 70, 80);
    assertLinearizable();
  }

  @Test
  void emptyHistoryIsLinearizable() {
    assertLinearizable();
  }

  @Test
  void staleReadAfterAnAcknowledgedWriteIsRejected() {
    write(1, "a", 0, 10);
    write(1, "b", 20, 30);
    read(2, "a", 40, 50);
    Result r = assertNotLinearizable();
    assertThat(r.describe()).contains("read -> a");
  }

  @Test
  void readOfAValueNeverWrittenIsRejected() {
    write(1, "a", 0, 10);
    read(2, "z", 20, 30);
    assertNotLinearizable();
  }

  @Test
  void readOfAnAbsentKeyAfterAnAcknowledgedWriteIsRejected() {
    write(1, "a", 0, 10);
    read(2, null, 20, 30);
    assertNotLinearizable();
  }

  @Test
  void readsGoingBackInTimeBetweenTwoClientsAreRejected() {
    write(1, "a", 0, 10);
    write(1, "b", 20, 100); // concurrent with both reads
    read(2, "b", 30, 40);
    read(3, "a", 50, 60); // after client 2 saw b
    assertNotLinearizable();
  }

  @Test
  void readsConcurrentWithAWriteMaySeeEitherValueOnce() {
    write(1, "a", 0, 10);
    write(1, "b", 20, 100);
    read(2, "a", 30, 40);
    read(3, "b", 50, 60);
    read(2, "b", 70, 80);
    assertLinearizable();
  }

  @Test
  void aValueCannotReturnAfterItWasOverwritten() {
    write(1, "a", 0, 100);
    write(2, "b", 0, 100);
    read(3, "a", 10, 20);
    read(3, "b", 30, 40);
    read(3, "a", 50, 60);
    assertNotLinearizable();
  }

  @Test
  void deleteThenStaleReadIsRejected() {
    write(1, "a", 0, 10);
    delete(1, 20, 30);
    read(2, "a", 40, 50);
    assertNotLinearizable();
  }

  @Test
  void anIndeterminateWriteMayTakeEffectLong() {
    unknownWrite(1, "a", 0);
    read(2, null, 10, 20);
    read(2, null, 30, 40);
    read(3, "a", 1_000, 1_010);
    read(2, "a", 2_000, 2_010);
    assertLinearizable();
  }

  @Test
  void anIndeterminateWriteMayNeverTakeEffect() {
    write(1, "a", 0, 10);
    unknownWrite(1, "b", 20);
    read(2, "a", 30, 40);
    read(2, "a", 5_000, 5_010);
    assertLinearizable();
  }

  @Test
  void anIndeterminateWriteCannotTakeEffectBeforeItWasInvoked() {
    read(2, "a", 0, 10);
    unknownWrite(1, "a", 20);
    assertNotLinearizable();
  }

  @Test
  void anIndeterminateWriteTakesEffectAtMostOnce() {
    write(1, "a", 0, 10);
    unknownWrite(2, "b", 20);
    read(3, "b", 30, 40);
    read(3, "a", 50, 60);
    assertNotLinearizable();
  }

  @Test
  void anIndeterminateDeleteMayRemoveTheValueLater() {
    write(1, "a", 0, 10);
    ops.add(new Op(ops.size(), 1, "k", Op.Kind.DELETE, null, 20, 0, Op.Outcome.INDETERMINATE));
    read(2, "a", 30, 40);
    read(2, null, 50, 60);
    assertLinearizable();
  }

  @Test
  void aFailedWriteTakesNoEffect() {
    failedWrite(1, "a", 0, 10);
    read(2, "a", 20, 30);
    assertNotLinearizable();
  }

  @Test
  void aReadWithoutAnAnswerConstrainsNothing() {
    write(1, "a", 0, 10);
    ops.add(new Op(ops.size(), 2, "k", Op.Kind.READ, "never", 20, 0, Op.Outcome.INDETERMINATE));
    read(2, "a", 30, 40);
    assertLinearizable();
  }

  @Test
  void operationsTouchingAtOneInstantAreConcurrent() {
    write(1, "a", 0, 10);
    write(1, "b", 20, 30);
    read(2, "a", 30, 40); // invoked the instant b was acknowledged: may precede it
    assertLinearizable();
  }

  @Test
  void checksEachKeyOnItsOwn() {
    List<Op> mixed =
        List.of(
            Op.write(1, 1, "x", "a", 0, 10), Op.read(2, 2, "x", "a", 20, 30),
            Op.write(3, 1, "y", "a", 0, 10), Op.read(4, 2, "y", null, 20, 30));
    List<Result> results = LinearizabilityChecker.checkPerKey(mixed, new RegisterModel(), 1_000);
    assertThat(results).extracting(Result::key).containsExactly("x", "y");
    assertThat(results)
        .extracting(Result::verdict)
        .containsExactly(Verdict.LINEARIZABLE, Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void givesUpAfterItsBudget() {
    for (int i = 0; i < 12; i++) write(i, "v" + i, 0, 100);
    read(99, "nothing-wrote-this", 200, 210);
    Result r = LinearizabilityChecker.check("k", ops, new RegisterModel(), 50);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.steps()).isGreaterThan(50);
  }

  @Test
  void memoizationKeepsManyConcurrentWritesCheap() {
    // 14 concurrent writes then a read: without memoization 14! orders could be tried
    for (int i = 0; i < 14; i++) write(i, "v" + i, 0, 100);
    read(99, "v3", 200, 210);
    read(98, "v4", 300, 310);
    Result r = assertNotLinearizable();
    assertThat(r.steps()).isLessThan(5_000_000);
  }

  @Test
  void unreadIndeterminateWritesDoNotBlowUpTheSearch() {
    write(0, "a", 0, 10);
    for (int i = 1; i <= 40; i++) unknownWrite(i, "lost" + i, 20 + i);
    read(99, "a", 100, 110);
    read(98, "b", 200, 210);
    Result r = assertNotLinearizable();
    assertThat(r.operations()).as("the unread unknown writes are left out").isEqualTo(3);
  }

  @Test
  void historyRecordsOutcomesAndUnfinishedCallsAsIndeterminate() {
    long[] now = {0};
    History h = new History(() -> now[0] += 10);
    h.invoke(1, "k", Op.Kind.WRITE, "a").ok();
    History.Call read = h.invoke(2, "k", Op.Kind.READ, null);
    h.invoke(3, "k", Op.Kind.WRITE, "b"); // never completed
    read.ok("a");
    List<Op> recorded = h.ops();
    assertThat(recorded)
        .extracting(Op::outcome)
        .containsExactly(Op.Outcome.OK, Op.Outcome.OK, Op.Outcome.INDETERMINATE);
    assertThat(recorded.get(1).value()).isEqualTo("a");
    assertThat(recorded.get(2).complete()).isEqualTo(Long.MAX_VALUE);
    assertThat(
            LinearizabilityChecker.check("k", recorded, new RegisterModel(), 1_000).linearizable())
        .isTrue();
  }
}
