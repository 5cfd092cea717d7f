package dev.dfs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Ratios A/B between two JSON reports, per operation and in total. */
final class Compare {
  private Compare() {}

  /**
   * One operation's figures in A and B; a ratio is NaN when B is 0 or either side lacks the
   * operation.
   */
  record Row(
      String operation,
      double opsA,
      double opsB,
      double opsRatio,
      double mbRatio,
      double p50Ratio,
      double p99Ratio) {}

  static List<Row> rows(JsonNode a, JsonNode b) {
    Set<String> names = new LinkedHashSet<>();
    a.path("operations").fieldNames().forEachRemaining(names::add);
    Iterator<String> more = b.path("operations").fieldNames();
    more.forEachRemaining(names::add);
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      rows.add(row(name, a.path("operations").path(name), b.path("operations").path(name)));
    }
    if (names.size() > 1) rows.add(row("total", a.path("total"), b.path("total")));
    return rows;
  }

  private static Row row(String name, JsonNode a, JsonNode b) {
    return new Row(
        name,
        value(a, "opsPerSec"),
        value(b, "opsPerSec"),
        ratio(value(a, "opsPerSec"), value(b, "opsPerSec")),
        ratio(value(a, "mbPerSec"), value(b, "mbPerSec")),
        ratio(value(a.path("latencyMs"), "p50"), value(b.path("latencyMs"), "p50")),
        ratio(value(a.path("latencyMs"), "p99"), value(b.path("latencyMs"), "p99")));
  }

  private static double value(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }

  static double ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) return Double.NaN;
    return a / b;
  }

  /** The comparison as a table with a legend. */
  static String render(String nameA, JsonNode a, String nameB, JsonNode b) {
    List<List<String>> table = new ArrayList<>();
    table.add(
        List.of("operation", "ops/s A", "ops/s B", "ops/s A/B", "MB/s A/B", "p50 A/B", "p99 A/B"));
    for (Row r : rows(a, b)) {
      table.add(
          List.of(
              r.operation(),
              ReportTable.number(r.opsA()),
              ReportTable.number(r.opsB()),
              times(r.opsRatio()),
              times(r.mbRatio()),
              times(r.p50Ratio()),
              times(r.p99Ratio())));
    }
    return "A: "
        + nameA
        + describe(a)
        + "\nB: "
        + nameB
        + describe(b)
        + "\n"
        + ReportTable.table(table)
        + "throughput ratios > 1: A faster; latency ratios < 1: A faster\n";
  }

  private static String times(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
  }

  private static String describe(JsonNode report) {
    JsonNode c = report.path("config");
    if (c.isMissingNode()) return "";
    return String.format(
        Locale.ROOT,
        "  (%s, size %s, concurrency %s, %.1f s, %s)",
        c.path("mode").asText("?"),
        c.path("size").asText("?"),
        c.path("concurrency").asText("?"),
        report.path("seconds").asDouble(),
        c.path("endpoint").asText("?"));
  }
}
