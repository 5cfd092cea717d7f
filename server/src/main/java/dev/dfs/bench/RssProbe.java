package dev.dfs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Reads the resident memory (RSS) of the server under test: from its Prometheus {@code /metrics}
 * ({@code process_resident_memory_bytes}) or, for a server on this machine, from {@code
 * /proc/<pid>/status} ({@code VmRSS}). Implementations are thread-safe.
 */
interface RssProbe {
  /** The server's resident set size in bytes; throws when it cannot be read right now. */
  long residentBytes() throws IOException, InterruptedException;

  /** Where the figure comes from, for the report. */
  String source();

  /** {@code GET <endpoint>/metrics}, optionally with a bearer token (DFS_METRICS_TOKEN). */
  static RssProbe metrics(URI endpoint, @Nullable String token, Duration timeout) {
    URI uri = endpoint.resolve("/metrics");
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    return new RssProbe() {
      @Override
      public long residentBytes() throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (token != null && !token.isBlank()) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(uri + " answered " + r.statusCode());
        return parseMetrics(r.body());
      }

      @Override
      public String source() {
        return uri + " process_resident_memory_bytes";
      }
    };
  }

  /** {@code VmRSS} of a local process. */
  static RssProbe proc(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    return new RssProbe() {
      @Override
      public long residentBytes() throws IOException {
        return parseProcStatus(Files.readString(status));
      }

      @Override
      public String source() {
        return status + " VmRSS";
      }
    };
  }

  /** The value of {@code process_resident_memory_bytes} in Prometheus text format. */
  static long parseMetrics(String text) throws IOException {
    for (String line : text.split("\n")) {
      if (!line.startsWith("process_resident_memory_bytes")) continue;
      String[] f = line.trim().split("\\s+");
      String name = f[0];
      if (!name.equals("process_resident_memory_bytes")
          && !name.startsWith("process_resident_memory_bytes{")) continue;
      if (f.length < 2) break;
      try {
        return (long) Double.parseDouble(f[1]);
      } catch (NumberFormatException e) {
        throw new IOException("process_resident_memory_bytes has no number: " + line);
      }
    }
    throw new IOException("no process_resident_memory_bytes in /metrics (DFS_METRICS=false?)");
  }

  /** {@code VmRSS: 123456 kB} of a {@code /proc/<pid>/status} file, in bytes. */
  static long parseProcStatus(String text) throws IOException {
    for (String line : text.split("\n")) {
      if (!line.startsWith("VmRSS:")) continue;
      String[] f = line.substring("VmRSS:".length()).trim().split("\\s+");
      try {
        long v = Long.parseLong(f[0]);
        return f.length > 1 && f[1].equalsIgnoreCase("kB") ? v * 1024 : v;
      } catch (NumberFormatException e) {
        throw new IOException("VmRSS has no number: " + line);
      }
    }
    throw new IOException("no VmRSS line (a kernel thread, or the process ended)");
  }
}
