package dev.dfs.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Where settings come from, highest precedence first: command-line flags, the process environment,
 * a {@code .env} file in the working directory, then each key's default. Immutable.
 */
public final class ConfigSources {
  private final Map<String, String> flags;
  private final Map<String, String> environment;
  private final Map<String, String> dotEnv;

  /**
   * @param flags values given on the command line, by key name (e.g. {@code API_PORT})
   * @param environment the process environment
   * @param dotEnv the parsed {@code .env} file (empty if none)
   */
  public ConfigSources(
      Map<String, String> flags, Map<String, String> environment, Map<String, String> dotEnv) {
    this.flags = Map.copyOf(flags);
    this.environment = Map.copyOf(environment);
    this.dotEnv = Map.copyOf(dotEnv);
  }

  /** A raw value and where it came from. */
  public record Raw(String value, @Nullable String source) {}

  /** The raw value for a key: flag, then environment (name, then aliases), then .env. */
  public Optional<Raw> raw(ConfigKey<?> key) {
    if (flags.containsKey(key.name())) {
      return Optional.of(new Raw(flags.get(key.name()), key.flag()));
    }
    for (String name : names(key)) {
      String v = environment.get(name);
      if (v != null && !v.isEmpty()) return Optional.of(new Raw(v, "environment " + name));
    }
    for (String name : names(key)) {
      String v = dotEnv.get(name);
      if (v != null && !v.isEmpty()) return Optional.of(new Raw(v, ".env " + name));
    }
    return Optional.empty();
  }

  /** The parsed value, or the parsed default; null for an optional key left unset. */
  public <T> @Nullable T get(ConfigKey<T> key) {
    Optional<Raw> raw = raw(key);
    if (raw.isPresent()) return key.parse(raw.get().value(), raw.get().source());
    return key.defaultValue() == null ? null : key.parse(key.defaultValue(), "default");
  }

  /** The value of a key that has a default, so never null. */
  public <T> T require(ConfigKey<T> key) {
    T value = get(key);
    if (value == null) throw new IllegalArgumentException(key.name() + " has no default value");
    return value;
  }

  private static List<String> names(ConfigKey<?> key) {
    return Stream.concat(Stream.of(key.name()), key.aliases().stream()).toList();
  }

  /**
   * Parses a {@code .env} file: {@code NAME=value} lines, {@code #} comments, optional {@code
   * export } prefix, values optionally in single or double quotes. A missing file is empty. A
   * malformed line is a ConfigException naming the line.
   */
  public static Map<String, String> readDotEnv(Path file) {
    Map<String, String> out = new HashMap<>();
    if (!Files.isRegularFile(file)) return out;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (line.startsWith("export ")) line = line.substring(7).strip();
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            file + " line " + (i + 1) + ": expected NAME=value, found '" + line + "'");
      }
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      }
      out.put(name, value);
    }
    return out;
  }
}
