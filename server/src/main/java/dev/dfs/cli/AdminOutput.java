package dev.dfs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** How {@code dfs admin} prints: aligned tables (the default) or indented JSON ({@code --json}). */
final class AdminOutput {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AdminOutput() {}

  static void json(PrintWriter out, JsonNode node) {
    try {
      out.println(JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /** {@code {name: [rows…]}}. */
  static JsonNode array(String name, List<JsonNode> rows) {
    var node = JSON.createObjectNode();
    node.putArray(name).addAll(rows);
    return node;
  }

  /** A column: its heading and how to read a row's cell from a JSON object. */
  record Column(String heading, Function<JsonNode, String> cell) {
    static Column text(String heading, String field) {
      return new Column(heading, n -> n.hasNonNull(field) ? n.get(field).asText() : "-");
    }
  }

  /** Prints {@code rows} under their headings, each column as wide as its widest cell. */
  static void table(PrintWriter out, List<Column> columns, Iterable<JsonNode> rows) {
    List<String[]> lines = new ArrayList<>();
    String[] head = new String[columns.size()];
    for (int i = 0; i < head.length; i++) head[i] = columns.get(i).heading();
    lines.add(head);
    for (JsonNode row : rows) {
      String[] cells = new String[columns.size()];
      for (int i = 0; i < cells.length; i++) cells[i] = columns.get(i).cell().apply(row);
      lines.add(cells);
    }
    int[] width = new int[columns.size()];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) width[i] = Math.max(width[i], l[i].length());
    }
    for (String[] l : lines) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        sb.append(l[i]);
        if (i < l.length - 1) sb.append(" ".repeat(width[i] - l[i].length() + 2));
      }
      out.println(sb.toString().stripTrailing());
    }
    out.flush();
  }
}
