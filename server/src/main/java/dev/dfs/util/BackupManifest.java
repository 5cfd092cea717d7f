package dev.dfs.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The table of contents of a backup, written as its last file ({@link #FILE_NAME}): a format line,
 * {@code key value} header lines (when, which engine and version) and one line per file with its
 * SHA-256, size and name. A backup without it, or whose files differ from it, is incomplete or
 * damaged and is not restored. Immutable.
 *
 * <pre>
 * dfs-backup 1
 * created 2026-12-04T14:02:11Z
 * engine local
 * file 9f86d0…  1048576 chunks/ab/cd/abcd…
 * </pre>
 */
public record BackupManifest(Map<String, String> header, List<Entry> files) {
  /** The manifest's own name inside the backup. */
  public static final String FILE_NAME = "dfs-backup.manifest";

  private static final String FORMAT = "dfs-backup 1";
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9-]*");

  /** A tar header holds names up to this length (no long-name extensions are written). */
  public static final int MAX_NAME = 100;

  /** One file: its path inside the data directory, size and SHA-256 (lower-case hex). */
  public record Entry(String name, long size, String sha256) {}

  public BackupManifest {
    header = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(header));
    files = List.copyOf(files);
  }

  /**
   * Whether {@code name} may name a file of a backup: relative, {@code /}-separated segments of
   * letters, digits, {@code . _ -} that do not start with a dot (so no {@code ..}), at most {@link
   * #MAX_NAME} characters. A restore writes only such names, so a backup cannot place a file
   * outside the directory it is restored into.
   */
  public static boolean validName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME) return false;
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) return false;
    }
    return true;
  }

  /** The header value {@code key}, or null. */
  public @Nullable String get(String key) {
    return header.get(key);
  }

  /** Whether the backup holds a file named {@code name}. */
  public boolean contains(String name) {
    for (Entry e : files) {
      if (e.name().equals(name)) return true;
    }
    return false;
  }

  /** The manifest as the UTF-8 text stored in the backup. */
  public byte[] render() {
    StringBuilder out = new StringBuilder(FORMAT).append('\n');
    header.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
    for (Entry e : files) {
      out.append("file ")
          .append(e.sha256())
          .append(' ')
          .append(e.size())
          .append(' ')
          .append(e.name())
          .append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a manifest written by {@link #render()}.
   *
   * @throws IOException naming the first line that is not one
   */
  public static BackupManifest parse(byte[] text) throws IOException {
    List<String> lines = new String(text, StandardCharsets.UTF_8).lines().toList();
    if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
      throw new IOException("not a DFS backup manifest (first line is not '" + FORMAT + "')");
    }
    Map<String, String> header = new LinkedHashMap<>();
    List<Entry> files = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(" ", 4);
      try {
        if (f[0].equals("file")
            && f.length == 4
            && validName(f[3])
            && f[1].matches("[0-9a-f]{64}")) {
          files.add(new Entry(f[3], Long.parseLong(f[2]), f[1]));
          continue;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      String[] kv = lines.get(i).split(" ", 2);
      if (kv.length != 2 || kv[0].equals("file") || !KEY.matcher(kv[0]).matches()) {
        throw new IOException("manifest line " + (i + 1) + " is malformed: " + lines.get(i));
      }
      header.put(kv[0], kv[1]);
    }
    return new BackupManifest(header, files);
  }
}
