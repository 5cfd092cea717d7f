package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The runner with in-memory workloads: no network, no timing assertions. */
class RunnerTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Runner runner =
      new Runner(
          new Progress(new PrintStream(err), Progress.Style.PLAIN), 1, new AtomicBoolean(), 16);

  @Test
  void countModeRunsExactlyThatManyOperations() throws Exception {
    AtomicLong calls = new AtomicLong();
    Workload w =
        worker -> {
          long n = calls.incrementAndGet();
          worker.time(
              Op.PUT,
              () -> {
                if (n % 10 == 0) throw new IOException("boom");
                return 100;
              });
          return true;
        };
    PhaseResult r = runner.run(new Runner.Plan("t", 4, Duration.ZERO, null, 1000L, w));
    assertThat(calls.get()).isEqualTo(1000);
    Summary put = r.operations().get("put");
    assertThat(put.ops()).isEqualTo(900);
    assertThat(put.errors()).isEqualTo(100);
    assertThat(put.bytes()).isEqualTo(90_000);
    assertThat(r.total().ops()).isEqualTo(900);
    assertThat(r.errors()).containsEntry("put: IOException: boom", 100L);
    assertThat(r.timeSeries()).isNotEmpty();
    assertThat(r.timeSeries().stream().mapToLong(p -> p.total().ops()).sum()).isEqualTo(900);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("ops");
  }

  @Test
  void stepsThatIssueNoRequestDoNotCountTowardsTheCount() throws Exception {
    AtomicLong steps = new AtomicLong();
    Workload w =
        worker -> {
          if (steps.incrementAndGet() % 3 == 0) return true; // e.g. every key busy: nothing sent
          worker.time(Op.GET, () -> 1);
          return true;
        };
    PhaseResult r = runner.run(new Runner.Plan("t", 4, Duration.ZERO, null, 600L, w));
    assertThat(r.operations().get("get").ops()).isEqualTo(600);
  }

  @Test
  void stopsWhenTheWorkloadRunsOut() throws Exception {
    AtomicLong next = new AtomicLong();
    Workload w =
        worker -> {
          if (next.getAndIncrement() >= 250) return false;
          worker.time(Op.DELETE, () -> 0);
          return true;
        };
    PhaseResult r =
        runner.run(new Runner.Plan("t", 8, Duration.ZERO, Duration.ofHours(1), null, w));
    assertThat(r.operations().get("delete").ops()).isEqualTo(250);
    assertThat(r.operations()).containsOnlyKeys("delete");
  }

  @Test
  void cancellingStopsARunWithoutLimits() throws Exception {
    AtomicBoolean cancel = new AtomicBoolean();
    Runner r = new Runner(new Progress(new PrintStream(err), Progress.Style.NONE), 1, cancel, 16);
    AtomicLong n = new AtomicLong();
    Workload w =
        worker -> {
          if (n.incrementAndGet() == 5000) cancel.set(true);
          worker.time(Op.GET, () -> 1);
          return true;
        };
    PhaseResult result = r.run(new Runner.Plan("t", 2, Duration.ZERO, null, null, w));
    assertThat(result.operations().get("get").ops()).isGreaterThanOrEqualTo(4999);
  }

  @Test
  void aBugInAWorkloadFailsTheRun() {
    Workload w =
        worker -> {
          throw new IllegalStateException("bug");
        };
    assertThatThrownBy(() -> runner.run(new Runner.Plan("t", 2, Duration.ZERO, null, 10L, w)))
        .hasMessageContaining("bug");
  }

  @Test
  void listingsCountItemsAndMultipartPartsStayOutOfTheTotal() throws Exception {
    Workload w =
        worker -> {
          worker.time(Op.LIST, () -> 1000);
          worker.time(Op.UPLOAD_PART, () -> 5);
          return true;
        };
    PhaseResult r = runner.run(new Runner.Plan("t", 1, Duration.ZERO, null, 3L, w));
    assertThat(r.operations().get("list").items()).isEqualTo(3000);
    assertThat(r.operations().get("list").bytes()).isZero();
    assertThat(r.operations().get("upload-part").bytes()).isEqualTo(15);
    assertThat(r.total().ops()).isEqualTo(3);
  }

  @Test
  void measuringStartsWhenEveryWarmupStepHasEndedAndSaysSoWithoutProgress() throws Exception {
    // one log of what happened, in order: steps starting and ending, and the runner's message
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    PrintStream lines =
        new PrintStream(
            new OutputStream() {
              private final StringBuilder line = new StringBuilder();

              @Override
              public void write(int b) {
                if (b != '\n') {
                  line.append((char) b);
                  return;
                }
                events.add("said " + line);
                line.setLength(0);
              }
            },
            true,
            StandardCharsets.ISO_8859_1);
    Runner r = new Runner(new Progress(lines, Progress.Style.NONE), 1, new AtomicBoolean(), 16);
    AtomicLong steps = new AtomicLong();
    Workload w =
        worker -> {
          long n = steps.incrementAndGet();
          events.add("start " + n);
          worker.time(
              Op.PUT,
              () -> {
                Thread.sleep(n % 3 == 0 ? 40 : 5); // some steps outlast the warmup's end
                return 10;
              });
          events.add("end " + n);
          return true;
        };
    PhaseResult result = r.run(new Runner.Plan("t", 3, Duration.ofMillis(200), null, 30L, w));

    List<String> log = List.copyOf(events);
    int said = log.indexOf("said t: warmup done, measuring");
    assertThat(said).as("the message is shown even with --progress none").isPositive();
    Set<String> open = new HashSet<>();
    for (String e : log.subList(0, said)) {
      if (e.startsWith("start ")) open.add(e.substring(6));
      if (e.startsWith("end ")) open.remove(e.substring(4));
    }
    assertThat(open).as("warm-up steps still running when measuring starts").isEmpty();
    long warmSteps = log.subList(0, said).stream().filter(e -> e.startsWith("start ")).count();
    assertThat(warmSteps).isPositive();
    assertThat(steps.get()).as("every later step is measured").isEqualTo(warmSteps + 30);
    assertThat(result.total().ops()).isEqualTo(30);
  }

  @Test
  void withoutAWarmupNothingIsSaidAboutMeasuring() throws Exception {
    Workload w =
        worker -> {
          worker.time(Op.GET, () -> 1);
          return true;
        };
    runner.run(new Runner.Plan("t", 2, Duration.ZERO, null, 10L, w));
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("measuring");
  }
}
