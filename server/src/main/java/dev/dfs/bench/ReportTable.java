package dev.dfs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable result table: one row per operation and a total. */
final class ReportTable {
  private ReportTable() {}

  static String render(PhaseResult r) {
    boolean items = r.operations().values().stream().anyMatch(s -> s.items() > 0);
    List<String> head = new ArrayList<>(List.of("operation", "ops", "ops/s", "MB/s"));
    if (items) head.add("items/s");
    head.addAll(List.of("p50 ms", "p90 ms", "p99 ms", "max ms", "errors"));
    List<List<String>> rows = new ArrayList<>();
    rows.add(head);
    for (Map.Entry<String, Summary> e : r.operations().entrySet())
      rows.add(row(e.getKey(), e.getValue(), items));
    long measuredOps =
        r.operations().keySet().stream().filter(k -> !k.equals(Op.UPLOAD_PART.label())).count();
    if (measuredOps > 1) rows.add(row("total", r.total(), items));
    if (r.operations().isEmpty()) rows.add(row("(none)", r.total(), items));

    StringBuilder out = new StringBuilder();
    out.append(table(rows));
    out.append(
        String.format(
            Locale.ROOT,
            "measured %.2f s; MB = 10^6 bytes; latency of successful requests",
            r.seconds()));
    out.append('\n');
    if (!r.errors().isEmpty()) {
      out.append("errors:\n");
      r.errors()
          .forEach((kind, n) -> out.append(String.format(Locale.ROOT, "  %8d  %s%n", n, kind)));
    }
    return out.toString();
  }

  private static List<String> row(String name, Summary s, boolean items) {
    List<String> row =
        new ArrayList<>(
            List.of(
                name,
                Long.toString(s.ops()),
                number(s.opsPerSec()),
                s.bytes() == 0 ? "-" : number(s.mbPerSec())));
    if (items) row.add(s.items() == 0 ? "-" : number(s.itemsPerSec()));
    Summary.Latency l = s.latencyMs();
    row.addAll(
        List.of(ms(l.p50()), ms(l.p90()), ms(l.p99()), ms(l.max()), Long.toString(s.errors())));
    return row;
  }

  /** Left-aligns the first column, right-aligns the others, two spaces apart. */
  static String table(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], row.get(c).length());
    }
    StringBuilder b = new StringBuilder();
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) {
        String cell = row.get(c);
        if (c > 0) b.append("  ");
        if (c == 0) b.append(cell).append(" ".repeat(width[c] - cell.length()));
        else b.append(" ".repeat(width[c] - cell.length())).append(cell);
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String number(double v) {
    if (Double.isNaN(v)) return "n/a";
    if (v >= 100) return String.format(Locale.ROOT, "%.1f", v);
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String ms(double v) {
    if (v < 1) return String.format(Locale.ROOT, "%.3f", v);
    if (v < 100) return String.format(Locale.ROOT, "%.2f", v);
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
