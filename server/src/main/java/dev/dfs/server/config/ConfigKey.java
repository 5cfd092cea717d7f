package dev.dfs.server.config;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One typed setting: its environment name (also the {@code .env} name), older names that still
 * work, the command-line flag, a default, a parser and a description. Immutable.
 *
 * @param name the primary name, e.g. {@code API_PORT}
 * @param aliases older names accepted too, checked after {@code name}
 * @param flag the {@code dfs server} option, e.g. {@code --port}, or null
 * @param defaultValue the raw default, or null when the setting is optional
 * @param expected what a valid value looks like, for error messages
 * @param parser turns the raw string into the value; throws IllegalArgumentException if invalid
 * @param secret whether the value must be masked in summaries and logs
 */
public record ConfigKey<T>(
    String name,
    List<String> aliases,
    @Nullable String flag,
    @Nullable String defaultValue,
    String expected,
    Function<String, T> parser,
    String description,
    boolean secret) {

  public ConfigKey {
    aliases = List.copyOf(aliases);
  }

  /** Parses {@code raw}, turning any parser failure into a ConfigException naming this key. */
  public T parse(String raw, @Nullable String source) {
    try {
      return parser.apply(raw.trim());
    } catch (RuntimeException e) {
      throw new ConfigException(
          String.format(
              "Invalid value for %s%s: '%s' (expected %s)",
              name,
              source == null ? "" : " (from " + source + ")",
              secret ? "***" : raw,
              expected));
    }
  }
}
