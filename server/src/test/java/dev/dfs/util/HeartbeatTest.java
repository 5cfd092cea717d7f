package dev.dfs.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A worker is alive while it beats on time, stalled once a beat is overdue, fine once finished. */
class HeartbeatTest {
  @Test
  void overdueBeatIsAStallAndFinishingEndsTheWatch() {
    AtomicLong now = new AtomicLong(0);
    Heartbeat beat = new Heartbeat("lifecycle", Duration.ofSeconds(10), now::get);
    assertThat(beat.problem()).isNull();
    now.set(Duration.ofSeconds(9).toNanos());
    beat.beat(Duration.ofSeconds(5));
    now.set(Duration.ofSeconds(13).toNanos());
    assertThat(beat.problem()).isNull();
    now.set(Duration.ofSeconds(20).toNanos());
    assertThat(beat.problem()).startsWith("stalled").contains("6 s past");
    beat.finished();
    assertThat(beat.problem()).isNull();
  }

  @Test
  void aFailureOrADeadThreadIsReported() throws Exception {
    Heartbeat failed = new Heartbeat("orphan-sweep", Duration.ofMinutes(1));
    failed.failed("the orphan chunk sweep failed: disk error");
    assertThat(failed.problem()).isEqualTo("the orphan chunk sweep failed: disk error");

    Heartbeat died = new Heartbeat("worker", Duration.ofMinutes(1));
    Thread t = Thread.ofPlatform().name("dfs-test-worker").start(died::started);
    t.join();
    assertThat(died.problem()).isEqualTo("its thread dfs-test-worker ended unexpectedly");
  }
}
