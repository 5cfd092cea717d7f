package dev.dfs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code --html FILE}: one self-contained page (inline CSS and SVG, no scripts, no external assets)
 * with the configuration, the result table and two charts over the per-second time series:
 * throughput (ops/s, and MB/s when bytes moved) and latency (p50, p90, p99).
 */
final class HtmlReport {
  private static final int W = 760;
  private static final int H = 260;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 36;
  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"
  };

  private HtmlReport() {}

  static void write(BenchReport report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, render(report));
  }

  /** A named line of a chart: y value per point of the time series. */
  record Series(String name, double[] y) {}

  static String render(BenchReport r) {
    StringBuilder b = new StringBuilder(16_384);
    String title =
        "dfs bench: "
            + r.config().getOrDefault("mode", "?")
            + " against "
            + r.config().getOrDefault("endpoint", "?");
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title))
        .append("</title>\n")
        .append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}")
        .append(
            "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}h2{font-size:16px;margin-top:24px}")
        .append(
            "svg{background:#fafafa;border:1px solid #ddd}.axis{stroke:#888}.grid{stroke:#e4e4e4}")
        .append("text{font:11px sans-serif;fill:#444}</style></head><body>\n");
    b.append("<h1>")
        .append(esc(title))
        .append("</h1>\n<p>Started ")
        .append(esc(r.startedAt()))
        .append(String.format(Locale.ROOT, ", measured %.1f s.", r.seconds()))
        .append("</p>\n");
    results(b, r);
    charts(b, r);
    b.append("<h2>Configuration</h2>\n<table>");
    for (Map.Entry<String, Object> e : r.config().entrySet()) {
      b.append("<tr><td>")
          .append(esc(e.getKey()))
          .append("</td><td>")
          .append(esc(String.valueOf(e.getValue())))
          .append("</td></tr>");
    }
    b.append("</table>\n</body></html>\n");
    return b.toString();
  }

  /** The results table, and the errors table when there were errors. */
  private static void results(StringBuilder b, BenchReport r) {
    b.append(
            "<h2>Results</h2>\n<table><tr><th>operation</th><th>ops</th><th>errors</th><th>ops/s</th><th>MB/s</th>")
        .append(
            "<th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>\n");
    r.operations().forEach((name, s) -> row(b, name, s));
    if (r.operations().size() != 1) row(b, "total", r.total());
    b.append("</table>\n");
    if (!r.errors().isEmpty()) {
      b.append("<h2>Errors</h2>\n<table><tr><th>kind</th><th>count</th></tr>\n");
      r.errors()
          .forEach(
              (k, v) ->
                  b.append("<tr><td>")
                      .append(esc(k))
                      .append("</td><td>")
                      .append(v)
                      .append("</td></tr>\n"));
      b.append("</table>\n");
    }
  }

  /** Throughput, data rate (when bytes moved) and latency over time. */
  private static void charts(StringBuilder b, BenchReport r) {
    List<PhaseResult.Point> ts = r.timeSeries() == null ? List.of() : r.timeSeries();
    double[] x = new double[ts.size()];
    double at = 0;
    for (int i = 0; i < ts.size(); i++) {
      at += ts.get(i).seconds();
      x[i] = at;
    }
    List<Series> tput = new ArrayList<>();
    tput.add(series("all ops/s", ts, p -> p.total().opsPerSec()));
    if (r.operations().size() > 1) {
      for (String op : r.operations().keySet())
        tput.add(series(op + " ops/s", ts, p -> opsOf(p, op)));
    }
    b.append("<h2>Throughput over time</h2>\n").append(chart(x, tput, "ops/s"));
    if (r.total().bytes() > 0) {
      b.append("<h2>Data rate over time</h2>\n")
          .append(chart(x, List.of(series("MB/s", ts, p -> p.total().mbPerSec())), "MB/s"));
    }
    b.append("<h2>Latency over time (all operations)</h2>\n")
        .append(
            chart(
                x,
                List.of(
                    series("p50", ts, p -> p.total().latencyMs().p50()),
                    series("p90", ts, p -> p.total().latencyMs().p90()),
                    series("p99", ts, p -> p.total().latencyMs().p99())),
                "ms"));
  }

  private static double opsOf(PhaseResult.Point p, String op) {
    Summary s = p.operations() == null ? null : p.operations().get(op);
    return s == null ? 0 : s.opsPerSec();
  }

  private static Series series(
      String name, List<PhaseResult.Point> ts, ToDoubleFunction<PhaseResult.Point> f) {
    double[] y = new double[ts.size()];
    for (int i = 0; i < y.length; i++) y[i] = f.applyAsDouble(ts.get(i));
    return new Series(name, y);
  }

  private static void row(StringBuilder b, String name, Summary s) {
    Summary.Latency l = s.latencyMs();
    b.append("<tr><td>")
        .append(esc(name))
        .append("</td><td>")
        .append(s.ops())
        .append("</td><td>")
        .append(s.errors())
        .append(
            String.format(
                Locale.ROOT,
                "</td><td>%.1f</td><td>%.1f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>\n",
                s.opsPerSec(),
                s.mbPerSec(),
                l.p50(),
                l.p90(),
                l.p99(),
                l.p999(),
                l.max()));
  }

  /** An SVG line chart: x in seconds since the start, one polyline per series, with a legend. */
  static String chart(double[] x, List<Series> lines, String unit) {
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" role=\"img\">\n");
    double xMax = x.length == 0 ? 1 : Math.max(x[x.length - 1], 1e-9);
    double yMax = 0;
    for (Series l : lines) for (double v : l.y()) if (Double.isFinite(v)) yMax = Math.max(yMax, v);
    yMax = niceCeiling(yMax);
    axes(s, xMax, yMax, unit);
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    int c = 0;
    for (Series l : lines) {
      String color = COLORS[c % COLORS.length];
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < x.length && i < l.y().length; i++) {
        double v = Double.isFinite(l.y()[i]) ? l.y()[i] : 0;
        pts.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                LEFT + pw * x[i] / xMax,
                TOP + ph - (yMax == 0 ? 0 : ph * v / yMax)));
      }
      s.append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"")
          .append(color)
          .append("\" points=\"")
          .append(pts.toString().trim())
          .append("\"/>\n");
      int lx = LEFT + 10 + 150 * c;
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
              lx,
              H - 12,
              color,
              lx + 16,
              H - 8,
              esc(l.name())));
      c++;
    }
    return s.append("</svg>\n").toString();
  }

  /** The grid, the tick labels of both axes, the axes themselves and the unit. */
  private static void axes(StringBuilder s, double xMax, double yMax, String unit) {
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    for (int i = 0; i <= 4; i++) {
      double v = yMax * i / 4;
      double y = TOP + ph - ph * i / 4.0;
      s.append(
              String.format(
                  Locale.ROOT,
                  "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                  LEFT,
                  y,
                  W - RIGHT,
                  y))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                  LEFT - 4,
                  y + 4,
                  fmt(v)));
    }
    for (int i = 0; i <= 5; i++) {
      double v = xMax * i / 5;
      double px = LEFT + pw * i / 5.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%ss</text>",
              px,
              H - BOTTOM + 14,
              fmt(v)));
    }
    s.append(
            String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                LEFT,
                TOP + ph,
                W - RIGHT,
                TOP + ph))
        .append(
            String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
                LEFT,
                TOP,
                LEFT,
                TOP + ph))
        .append(
            String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">%s</text>\n", TOP + 10, esc(unit)));
  }

  /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code v} (1 for 0). */
  static double niceCeiling(double v) {
    if (!(v > 0)) return 1;
    double mag = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * mag >= v) return m * mag;
    return 10 * mag;
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
