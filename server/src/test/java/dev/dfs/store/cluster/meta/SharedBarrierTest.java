package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Readers share read barriers, but never one that was already sent when they arrived. */
@Timeout(30)
class SharedBarrierTest {
  private static final Duration LONG = Duration.ofSeconds(20);

  /** A barrier that counts its runs and blocks the first one until released. */
  private static final class FakeBarrier implements Runnable {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();
    final CountDownLatch firstEntered = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);

    @Override
    public void run() {
      if (started.incrementAndGet() == 1) {
        firstEntered.countDown();
        try {
          releaseFirst.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      finished.incrementAndGet();
    }
  }

  @Test
  void callersArrivingDuringABarrierShareTheNextOneNotTheRunningOne() throws Exception {
    FakeBarrier fake = new FakeBarrier();
    SharedBarrier shared = new SharedBarrier(fake, LONG);
    Thread first = Thread.ofVirtual().start(shared::pass);
    assertThat(fake.firstEntered.await(10, TimeUnit.SECONDS)).isTrue();

    // eight readers arrive while the first barrier is out: each must see a barrier sent after it
    // arrived
    List<Thread> late = new ArrayList<>();
    List<Integer> seenAtReturn = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      late.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    shared.pass();
                    seenAtReturn.add(fake.finished.get());
                  }));
    }
    await(() -> shared.queued() == 8);
    fake.releaseFirst.countDown();
    first.join();
    for (Thread t : late) t.join();

    assertThat(fake.started)
        .as("one barrier for the first reader, one shared by the eight")
        .hasValue(2);
    assertThat(seenAtReturn).hasSize(8).allSatisfy(n -> assertThat(n).isEqualTo(2));
    assertThat(shared.rounds()).as("barriers sent").isEqualTo(2);
    assertThat(shared.callers()).as("readers served").isEqualTo(9);
  }

  @Test
  void sequentialCallersEachGetAFreshBarrier() {
    AtomicInteger runs = new AtomicInteger();
    SharedBarrier shared = new SharedBarrier(runs::incrementAndGet, LONG);
    for (int i = 0; i < 5; i++) shared.pass();
    assertThat(runs).hasValue(5);
  }

  @Test
  void aFailedBarrierFailsItsCallersAndTheNextCallTriesAgain() {
    AtomicInteger runs = new AtomicInteger();
    SharedBarrier shared =
        new SharedBarrier(
            () -> {
              if (runs.incrementAndGet() == 1)
                throw new StoreException(StoreError.UNAVAILABLE, "no leader");
            },
            LONG);
    assertThatThrownBy(shared::pass)
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(((StoreException) e).error()).isEqualTo(StoreError.UNAVAILABLE))
        .hasMessageContaining("no leader");
    shared.pass();
    assertThat(runs).hasValue(2);
  }

  @Test
  void aCallerQueuedBehindAStuckBarrierFailsAsUnavailableAfterItsOwnWait() throws Exception {
    FakeBarrier fake = new FakeBarrier();
    SharedBarrier shared = new SharedBarrier(fake, Duration.ofMillis(200));
    Thread stuck =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    shared.pass();
                  } catch (StoreException e) {
                    // its own wait ends too; the barrier is released below
                  }
                });
    assertThat(fake.firstEntered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(shared::pass)
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(((StoreException) e).error()).isEqualTo(StoreError.UNAVAILABLE));
    fake.releaseFirst.countDown();
    stuck.join();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
      Thread.sleep(5);
    }
  }
}
