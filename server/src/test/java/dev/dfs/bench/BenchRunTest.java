package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every mode of {@code dfs bench} end to end against an in-process server, for a second each: the
 * option checks in {@link BenchCommandTest} cannot see a mode that fails once it runs (a PUT run
 * without {@code --keys} once stopped at once with "this mode has a key table").
 */
class BenchRunTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--mode put",
        "--mode put --keys 20 --no-cleanup",
        "--mode get --keys 20",
        "--mode stat --keys 20",
        "--mode delete --keys 200",
        "--mode list --keys 20",
        "--mode multipart --size 6MiB --part-size 5MiB -c 2",
        "--mode mixed --keys 20"
      })
  void everyModeRunsAndReportsOperations(String mode) throws Exception {
    List<String> args = new ArrayList<>(List.of(mode.split(" ")));
    if (!mode.contains("--size")) args.addAll(List.of("--size", "1KiB"));
    args.addAll(
        List.of(
            "--endpoint",
            DFS.server().endpoint().toString(),
            "--bucket",
            "bench-" + Math.floorMod(mode.hashCode(), 1_000_000),
            "-d",
            "1s",
            "--progress",
            "none"));
    BenchCommand cmd = new BenchCommand();
    new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
    BenchConfig config = cmd.toConfig(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY);
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    BenchReport report =
        new Bench(
                config,
                new Progress(
                    new PrintStream(messages, true, StandardCharsets.UTF_8), Progress.Style.NONE),
                new PrintStream(table, true, StandardCharsets.UTF_8),
                new AtomicBoolean())
            .run();
    assertThat(report.total().ops()).as("operations measured").isPositive();
    assertThat(report.errors()).as("errors").isEmpty();
    assertThat(table.toString(StandardCharsets.UTF_8)).contains("ops/s");
  }
}
