package dev.dfs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link BenchReport} as JSON and reads reports back as trees (for compare). */
final class JsonReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String toJson(BenchReport report) throws IOException {
    return MAPPER.writeValueAsString(report);
  }

  static void write(BenchReport report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, toJson(report) + "\n");
  }

  static JsonNode read(Path file) throws IOException {
    try {
      JsonNode node = MAPPER.readTree(file.toFile());
      if (node == null || !node.path("operations").isObject()) {
        throw new IOException(file + " is not a dfs bench JSON report (no \"operations\")");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
