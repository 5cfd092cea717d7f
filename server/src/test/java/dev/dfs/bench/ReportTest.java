package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  private static final long SECOND = 1_000_000_000L;
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * {@code n} successes of {@code bytes} each with latencies 1..n ms, and {@code errors} failures.
   */
  private static OpTotals totals(int n, long bytes, int errors) {
    OpRecorder rec = new OpRecorder();
    for (int i = 1; i <= n; i++) rec.success(i * 1_000_000L, bytes, 0);
    for (int i = 0; i < errors; i++) rec.failure();
    OpTotals t = new OpTotals();
    rec.drainInto(t);
    return t;
  }

  private static PhaseResult phase(EnumMap<Op, OpTotals> totals, long nanos) {
    Map<String, Summary> byOp = Summary.byOp(totals, nanos);
    Summary total = Summary.of(Summary.overall(totals), nanos);
    List<PhaseResult.Point> series =
        List.of(
            new PhaseResult.Point(1, 1.0, total, byOp), new PhaseResult.Point(2, 1.0, total, byOp));
    return new PhaseResult(nanos / 1e9, byOp, total, Map.of("get: 503 SlowDown", 2L), series);
  }

  @Test
  void summaryComputesRatesAndPercentiles() {
    Summary s = Summary.of(totals(100, 1_000_000, 3), 2 * SECOND);
    assertThat(s.ops()).isEqualTo(100);
    assertThat(s.errors()).isEqualTo(3);
    assertThat(s.bytes()).isEqualTo(100_000_000);
    assertThat(s.opsPerSec()).isEqualTo(50.0);
    assertThat(s.mbPerSec()).isEqualTo(50.0);
    // latencies 1..100 ms: percentiles within one histogram bucket (< 0.8%) above the exact value
    assertThat(s.latencyMs().p50()).isBetween(50.0, 50.0 * 1.008);
    assertThat(s.latencyMs().p90()).isBetween(90.0, 90.0 * 1.008);
    assertThat(s.latencyMs().p99()).isBetween(99.0, 99.0 * 1.008);
    assertThat(s.latencyMs().max()).isEqualTo(100.0);
    assertThat(s.latencyMs().min()).isEqualTo(1.0);
    assertThat(s.latencyMs().mean()).isEqualTo(50.5);
  }

  @Test
  void overallLeavesPartsOutOfTheTotal() {
    EnumMap<Op, OpTotals> m = new EnumMap<>(Op.class);
    m.put(Op.MULTIPART, totals(2, 100, 0));
    m.put(Op.UPLOAD_PART, totals(8, 25, 1));
    OpTotals all = Summary.overall(m);
    assertThat(all.ops()).isEqualTo(2);
    assertThat(all.bytes()).isEqualTo(200);
    assertThat(all.errors()).isZero();
  }

  @Test
  void jsonHasConfigOperationsLatenciesAndTimeSeries(@TempDir Path dir) throws IOException {
    EnumMap<Op, OpTotals> m = new EnumMap<>(Op.class);
    m.put(Op.GET, totals(200, 4096, 2));
    m.put(Op.PUT, totals(50, 4096, 0));
    m.put(Op.STAT, new OpTotals()); // nothing happened: left out
    BenchConfig config = BenchCommandTest.config("--mode", "mixed", "--mix", "get=80,put=20");
    PhaseResult prefill = phase(new EnumMap<>(Map.of(Op.PUT, totals(10, 4096, 0))), SECOND);
    BenchReport report =
        BenchReport.of(
            "2025-01-01T00:00:00Z",
            config,
            prefill,
            phase(m, 2 * SECOND),
            new Cleanup.Result(260, 0, null));
    Path file = dir.resolve("sub/result.json");
    JsonReport.write(report, file);

    JsonNode json = mapper.readTree(Files.readString(file));
    assertThat(json.path("tool").asText()).isEqualTo("dfs bench");
    assertThat(json.path("format").asInt()).isEqualTo(BenchReport.FORMAT);
    assertThat(json.path("config").path("mode").asText()).isEqualTo("mixed");
    assertThat(json.path("config").path("mix").asText()).isEqualTo("put=20,get=80");
    assertThat(json.path("config").path("concurrency").asInt()).isEqualTo(16);
    assertThat(json.path("config").has("secretKey")).isFalse();
    assertThat(Files.readString(file)).doesNotContain("SECRET");
    assertThat(json.path("seconds").asDouble()).isEqualTo(2.0);

    JsonNode ops = json.path("operations");
    assertThat(ops.fieldNames()).toIterable().containsExactly("put", "get");
    JsonNode get = ops.path("get");
    assertThat(get.path("ops").asLong()).isEqualTo(200);
    assertThat(get.path("errors").asLong()).isEqualTo(2);
    assertThat(get.path("bytes").asLong()).isEqualTo(200 * 4096);
    assertThat(get.path("opsPerSec").asDouble()).isEqualTo(100.0);
    assertThat(get.path("mbPerSec").asDouble()).isEqualTo(200 * 4096 / 2e6);
    for (String f : List.of("min", "mean", "p50", "p90", "p99", "p999", "max")) {
      assertThat(get.path("latencyMs").path(f).isNumber()).as(f).isTrue();
    }
    assertThat(get.path("latencyMs").path("max").asDouble()).isEqualTo(200.0);
    assertThat(json.path("total").path("ops").asLong()).isEqualTo(250);
    assertThat(json.path("total").path("errors").asLong()).isEqualTo(2);
    assertThat(json.path("errors").path("get: 503 SlowDown").asLong()).isEqualTo(2);

    JsonNode series = json.path("timeSeries");
    assertThat(series.isArray()).isTrue();
    assertThat(series).hasSize(2);
    assertThat(series.get(0).path("second").asInt()).isEqualTo(1);
    assertThat(series.get(0).path("seconds").asDouble()).isEqualTo(1.0);
    assertThat(series.get(0).path("total").path("opsPerSec").isNumber()).isTrue();
    assertThat(
            series.get(0).path("operations").path("get").path("latencyMs").path("p99").isNumber())
        .isTrue();

    assertThat(json.path("prefill").path("operations").path("put").path("ops").asLong())
        .isEqualTo(10);
    assertThat(json.path("cleanup").path("deleted").asLong()).isEqualTo(260);
    assertThat(JsonReport.read(file).path("operations").has("get")).isTrue();
  }

  @Test
  void readRejectsFilesThatAreNotReports(@TempDir Path dir) throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.json"), "{\"hello\": 1}");
    Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
    assertThatThrownBy(() -> JsonReport.read(junk))
        .hasMessageContaining("not a dfs bench JSON report");
    assertThatThrownBy(() -> JsonReport.read(broken)).hasMessageContaining("not valid JSON");
  }

  @Test
  void tableHasOneRowPerOperationAndATotal() {
    EnumMap<Op, OpTotals> m = new EnumMap<>(Op.class);
    m.put(Op.GET, totals(200, 4096, 2));
    m.put(Op.STAT, totals(10, 0, 0));
    String table = ReportTable.render(phase(m, SECOND));
    List<String> lines = table.lines().toList();
    assertThat(lines.get(0))
        .containsSubsequence(
            "operation", "ops", "ops/s", "MB/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
    assertThat(lines.get(0)).doesNotContain("items/s");
    assertThat(lines.get(1)).startsWith("get").contains("200", "0.82").endsWith("2");
    assertThat(lines.get(2)).startsWith("stat").contains(" - ");
    assertThat(lines.get(3)).startsWith("total").contains("210");
    assertThat(table).contains("errors:", "503 SlowDown");
    // columns line up: every row as wide as the header
    assertThat(lines.subList(0, 4)).allSatisfy(l -> assertThat(l).hasSize(lines.get(0).length()));
  }

  @Test
  void tableShowsItemsForListingsAndNoTotalForASingleOperation() {
    OpRecorder rec = new OpRecorder();
    rec.success(2_000_000, 0, 1000);
    OpTotals list = new OpTotals();
    rec.drainInto(list);
    EnumMap<Op, OpTotals> m = new EnumMap<>(Op.class);
    m.put(Op.LIST, list);
    String table = ReportTable.render(phase(m, SECOND));
    assertThat(table.lines().findFirst().orElseThrow()).contains("items/s");
    assertThat(table).contains("1000.0").doesNotContain("total");
  }

  @Test
  void compareGivesRatiosPerOperation(@TempDir Path dir) throws IOException {
    String a =
        """
        {"seconds": 10, "config": {"mode": "get", "size": "4KiB", "concurrency": 32, "endpoint": "http://a"},
         "operations": {
           "get": {"opsPerSec": 2000, "mbPerSec": 8.0, "latencyMs": {"p50": 1.0, "p99": 4.0}},
           "put": {"opsPerSec": 100, "mbPerSec": 0.4, "latencyMs": {"p50": 5.0, "p99": 20.0}}},
         "total": {"opsPerSec": 2100, "mbPerSec": 8.4, "latencyMs": {"p50": 1.2, "p99": 10.0}}}
        """;
    String b =
        """
        {"seconds": 10, "config": {"mode": "get", "size": "4KiB", "concurrency": 32, "endpoint": "http://b"},
         "operations": {
           "get": {"opsPerSec": 1000, "mbPerSec": 4.0, "latencyMs": {"p50": 2.0, "p99": 16.0}},
           "stat": {"opsPerSec": 50, "mbPerSec": 0, "latencyMs": {"p50": 1.0, "p99": 2.0}},
           "put": {"opsPerSec": 0, "mbPerSec": 0, "latencyMs": {"p50": 0, "p99": 0}}},
         "total": {"opsPerSec": 1050, "mbPerSec": 4.0, "latencyMs": {"p50": 2.0, "p99": 8.0}}}
        """;
    Path fa = Files.writeString(dir.resolve("a.json"), a);
    Path fb = Files.writeString(dir.resolve("b.json"), b);
    JsonNode ja = JsonReport.read(fa);
    JsonNode jb = JsonReport.read(fb);

    List<Compare.Row> rows = Compare.rows(ja, jb);
    assertThat(rows)
        .extracting(Compare.Row::operation)
        .containsExactly("get", "put", "stat", "total");
    Compare.Row get = rows.get(0);
    assertThat(get.opsA()).isEqualTo(2000);
    assertThat(get.opsB()).isEqualTo(1000);
    assertThat(get.opsRatio()).isEqualTo(2.0);
    assertThat(get.mbRatio()).isEqualTo(2.0);
    assertThat(get.p50Ratio()).isEqualTo(0.5);
    assertThat(get.p99Ratio()).isEqualTo(0.25);
    assertThat(rows.get(1).opsRatio()).isNaN(); // B is 0
    assertThat(rows.get(2).opsRatio()).isNaN(); // only in B
    assertThat(rows.get(3).opsRatio()).isEqualTo(2.0);
    assertThat(rows.get(3).p99Ratio()).isEqualTo(1.25);

    String text = Compare.render("a.json", ja, "b.json", jb);
    assertThat(text).contains("A: a.json", "B: b.json", "ops/s A/B", "2.00x", "0.25x", "n/a");
  }

  @Test
  void htmlReportIsSelfContainedWithChartsAndEscapedText(@TempDir Path dir) throws IOException {
    EnumMap<Op, OpTotals> m = new EnumMap<>(Op.class);
    m.put(Op.GET, totals(200, 4096, 2));
    m.put(Op.PUT, totals(50, 4096, 0));
    BenchConfig config =
        BenchCommandTest.config(
            "--mode", "mixed", "--mix", "get=80,put=20", "--key-prefix", "a<b>&c");
    BenchReport report =
        BenchReport.of("2025-01-01T00:00:00Z", config, null, phase(m, 2 * SECOND), null);
    Path file = dir.resolve("sub/report.html");
    HtmlReport.write(report, file);
    String html = Files.readString(file);

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    // throughput, data rate and latency charts; a line per series with one point per second
    assertThat(html.split("<svg ", -1)).hasSize(4);
    assertThat(html).contains(">p50<", ">p99<", ">get ops/s<", ">put ops/s<", ">MB/s<");
    assertThat(html).containsPattern("<polyline [^>]*points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+\"");
    // no scripts, no external assets: the only URL is the SVG namespace
    assertThat(html).doesNotContain("<script", "<link", "src=", "SECRET");
    assertThat(html).doesNotContain("href=", "url(", "@import");
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContainPattern("=\"https?://");
    assertThat(html).contains("a&lt;b&gt;&amp;c").doesNotContain("a<b>&c");
    assertThat(html).contains("<td>get</td><td>200</td><td>2</td><td>100.0</td>");
  }

  @Test
  void chartScaleRoundsUpToANiceNumber() {
    assertThat(HtmlReport.niceCeiling(0)).isEqualTo(1);
    assertThat(HtmlReport.niceCeiling(7.3)).isEqualTo(10);
    assertThat(HtmlReport.niceCeiling(180)).isEqualTo(200);
    assertThat(HtmlReport.niceCeiling(2100)).isEqualTo(2500);
    assertThat(HtmlReport.niceCeiling(2500)).isEqualTo(2500);
  }
}
