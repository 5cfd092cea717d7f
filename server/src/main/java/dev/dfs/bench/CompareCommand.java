package dev.dfs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dfs bench compare A.json B.json}: ratios between two runs. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = BenchCommand.Version.class,
    description = {
      "Compares two --json reports: per operation the ratios A/B of ops/s, MB/s, p50 and p99 latency."
    })
public final class CompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "A.json", description = "The run to judge.")
  Path a;

  @Parameters(index = "1", paramLabel = "B.json", description = "The baseline.")
  Path b;

  @Override
  public Integer call() {
    try {
      JsonNode ra = JsonReport.read(a);
      JsonNode rb = JsonReport.read(b);
      System.out.print(Compare.render(a.toString(), ra, b.toString(), rb));
      return 0;
    } catch (java.io.IOException e) {
      System.err.println("dfs bench compare: " + e.getMessage());
      return 1;
    }
  }
}
