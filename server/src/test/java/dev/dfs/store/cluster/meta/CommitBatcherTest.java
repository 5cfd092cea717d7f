package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitBatcherTest {

  /** One submitted entry: its term, its batches, and the future the test completes. */
  private record Submitted(long term, List<byte[]> batches, CompletableFuture<String> outcome) {
    List<String> names() {
      return batches.stream().map(String::new).toList();
    }
  }

  /** A sink that records entries; the test completes them (the drainer runs inline). */
  private static final class RecordingSink implements CommitBatcher.Sink<String> {
    final List<Submitted> entries = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<String> submit(long term, List<byte[]> batches) {
      Submitted s = new Submitted(term, List.copyOf(batches), new CompletableFuture<>());
      entries.add(s);
      return s.outcome();
    }

    Submitted get(int i) {
      return entries.get(i);
    }
  }

  private final RecordingSink sink = new RecordingSink();

  /** Commits whose outcome a test does not look at one by one. */
  private final List<CompletableFuture<String>> pending = new ArrayList<>();

  private CommitBatcher<String> batcher(int inFlight, int members, long bytes) {
    return new CommitBatcher<>(sink, inFlight, members, bytes, Runnable::run);
  }

  private static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aLoneCommitIsSubmittedAtOnceAsItsOwnEntry() throws Exception {
    CommitBatcher<String> batcher = batcher(1, 100, 1 << 20);
    CompletableFuture<String> a = batcher.commit(3, b("a"));
    assertThat(sink.entries).hasSize(1);
    assertThat(sink.get(0).term()).isEqualTo(3);
    assertThat(sink.get(0).names()).containsExactly("a");
    assertThat(a).isNotDone();
    sink.get(0).outcome().complete("APPLIED");
    assertThat(a.get()).isEqualTo("APPLIED");
    assertThat(batcher.entries()).isEqualTo(1);
    assertThat(batcher.members()).isEqualTo(1);
  }

  @Test
  void commitsQueuedBehindAnEntryInFlightGoTogetherInOrderAndShareItsOutcome() throws Exception {
    CommitBatcher<String> batcher = batcher(1, 100, 1 << 20);
    CompletableFuture<String> a = batcher.commit(1, b("a"));
    List<CompletableFuture<String>> queued = new ArrayList<>();
    for (String k : List.of("b", "c", "d")) queued.add(batcher.commit(1, b(k)));
    assertThat(sink.entries).as("the limit holds them back").hasSize(1);
    sink.get(0).outcome().complete("first");
    assertThat(a.get()).isEqualTo("first");
    assertThat(sink.entries).hasSize(2);
    assertThat(sink.get(1).names()).containsExactly("b", "c", "d");
    for (CompletableFuture<String> f : queued) assertThat(f).isNotDone();
    sink.get(1).outcome().complete("second");
    for (CompletableFuture<String> f : queued) assertThat(f.get()).isEqualTo("second");
    assertThat(batcher.entries()).isEqualTo(2);
    assertThat(batcher.members()).isEqualTo(4);
  }

  @Test
  void onlyCommitsOfOneTermShareAnEntryAndTheQueueOrderIsKept() {
    CommitBatcher<String> batcher = batcher(1, 100, 1 << 20);
    pending.add(batcher.commit(1, b("a")));
    pending.add(batcher.commit(1, b("b")));
    pending.add(batcher.commit(2, b("c")));
    pending.add(batcher.commit(2, b("d")));
    pending.add(batcher.commit(1, b("e")));
    for (int i = 0; i < 3; i++) sink.get(i).outcome().complete("done");
    assertThat(sink.entries).hasSize(4);
    assertThat(sink.entries.stream().map(Submitted::names))
        .containsExactly(List.of("a"), List.of("b"), List.of("c", "d"), List.of("e"));
    assertThat(sink.entries.stream().map(Submitted::term)).containsExactly(1L, 1L, 2L, 1L);
  }

  @Test
  void anEntryStopsGrowingAtTheCountAndByteCaps() {
    CommitBatcher<String> byCount = batcher(1, 2, 1 << 20);
    for (String k : List.of("a", "b", "c", "d", "e", "f")) pending.add(byCount.commit(1, b(k)));
    for (int i = 0; i < 3; i++) sink.get(i).outcome().complete("done");
    assertThat(sink.entries.stream().map(Submitted::names))
        .containsExactly(List.of("a"), List.of("b", "c"), List.of("d", "e"), List.of("f"));

    sink.entries.clear();
    CommitBatcher<String> byBytes = batcher(1, 100, 10);
    for (String k : List.of("x", "1234", "567890", "z", "a-big-batch-alone", "y")) {
      pending.add(byBytes.commit(1, b(k)));
    }
    for (int i = 0; i < 4; i++) sink.get(i).outcome().complete("done");
    assertThat(sink.entries.stream().map(Submitted::names))
        .containsExactly(
            List.of("x"),
            List.of("1234", "567890"),
            List.of("z"),
            List.of("a-big-batch-alone"),
            List.of("y"));
  }

  @Test
  void whenAnEntryFailsEveryMemberFailsWithItsFailureAndOnlyThey() {
    CommitBatcher<String> batcher = batcher(1, 100, 1 << 20);
    pending.add(batcher.commit(1, b("a")));
    CompletableFuture<String> b = batcher.commit(1, b("b"));
    CompletableFuture<String> c = batcher.commit(1, b("c"));
    sink.get(0).outcome().complete("done");
    CompletableFuture<String> d = batcher.commit(1, b("d"));
    RuntimeException lost = new IllegalStateException("leadership lost");
    sink.get(1).outcome().completeExceptionally(lost);
    for (CompletableFuture<String> f : List.of(b, c)) {
      assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCause(lost);
    }
    assertThat(d).as("a later entry's member is not told the earlier entry's outcome").isNotDone();
    assertThat(sink.get(2).names()).containsExactly("d");
  }

  @Test
  void aSinkThatThrowsFailsTheEntrysMembersAndTheQueueMovesOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CommitBatcher<String> batcher =
        new CommitBatcher<>(
            (term, batches) -> {
              if (calls.incrementAndGet() == 1) throw new IllegalStateException("not leader");
              return CompletableFuture.completedFuture("ok");
            },
            1,
            100,
            1 << 20,
            Runnable::run);
    assertThatThrownBy(batcher.commit(1, b("a"))::get).hasRootCauseMessage("not leader");
    assertThat(batcher.commit(1, b("b")).get()).isEqualTo("ok");
  }

  @Test
  void withTwoInFlightTheThirdWaitsForEither() {
    CommitBatcher<String> batcher = batcher(2, 100, 1 << 20);
    pending.add(batcher.commit(1, b("a")));
    pending.add(batcher.commit(1, b("b")));
    pending.add(batcher.commit(1, b("c")));
    pending.add(batcher.commit(1, b("d")));
    assertThat(sink.entries.stream().map(Submitted::names))
        .containsExactly(List.of("a"), List.of("b"));
    sink.get(1).outcome().complete("done");
    assertThat(sink.get(2).names()).containsExactly("c", "d");
  }

  @Test
  void closingFailsQueuedAndLaterCommitsButLetsEntriesInFlightComplete() throws Exception {
    CommitBatcher<String> batcher = batcher(1, 100, 1 << 20);
    CompletableFuture<String> a = batcher.commit(1, b("a"));
    CompletableFuture<String> b = batcher.commit(1, b("b"));
    batcher.close();
    assertThat(b).isCompletedExceptionally();
    assertThat(batcher.commit(1, b("c"))).isCompletedExceptionally();
    sink.get(0).outcome().complete("done");
    assertThat(a.get()).isEqualTo("done");
    assertThat(sink.entries).hasSize(1);
  }

  /**
   * Many threads commit at once against a sink that completes entries later, on another thread:
   * every commit completes with the outcome of the one entry that holds it, no more entries are in
   * flight than the limit, and each thread's commits are submitted in its program order.
   */
  @Test
  void underConcurrencyEveryCommitLandsInOneEntryInOrderWithinTheLimit() throws Exception {
    int threads = 16;
    int perThread = 200;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    List<Submitted> all = Collections.synchronizedList(new ArrayList<>());
    try (ScheduledExecutorService raft = Executors.newSingleThreadScheduledExecutor();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      CommitBatcher<String> batcher =
          new CommitBatcher<>(
              (term, batches) -> {
                maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Submitted s = new Submitted(term, List.copyOf(batches), new CompletableFuture<>());
                all.add(s);
                String id = "entry-" + all.size();
                var unused =
                    raft.schedule(
                        () -> {
                          inFlight.decrementAndGet();
                          s.outcome().complete(id);
                        },
                        200,
                        TimeUnit.MICROSECONDS);
                return s.outcome();
              },
              2,
              64,
              1 << 20,
              r -> Thread.ofVirtual().start(r));
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            clients.submit(
                () -> {
                  List<String> outcomes = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    byte[] batch = ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
                    outcomes.add(batcher.commit(7, batch).get(10, TimeUnit.SECONDS));
                  }
                  return outcomes;
                }));
      }
      for (int t = 0; t < threads; t++) {
        List<String> outcomes = results.get(t).get(60, TimeUnit.SECONDS);
        int[] next = {0};
        int thread = t;
        for (int e = 0; e < all.size(); e++) {
          for (byte[] batch : all.get(e).batches()) {
            ByteBuffer bb = ByteBuffer.wrap(batch);
            if (bb.getInt() != thread) continue;
            assertThat(bb.getInt()).as("program order of thread %d", thread).isEqualTo(next[0]);
            assertThat(outcomes.get(next[0])).isEqualTo("entry-" + (e + 1));
            next[0]++;
          }
        }
        assertThat(next[0]).isEqualTo(perThread);
      }
      assertThat(maxSeen.get()).isLessThanOrEqualTo(2);
      assertThat(batcher.members()).isEqualTo((long) threads * perThread);
      assertThat(batcher.entries()).isEqualTo(all.size()).isLessThan((long) threads * perThread);
      assertThat(all).allSatisfy(s -> assertThat(s.term()).isEqualTo(7));
    }
  }
}
