package dev.dfs.cli;

import dev.dfs.server.config.ConfigException;
import dev.dfs.server.config.ConfigKey;
import dev.dfs.server.config.ConfigKeys;
import dev.dfs.server.config.ConfigSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hands DFS_LOG_LEVEL and DFS_LOG_FORMAT to logback, which reads only system properties and the
 * environment, so that a {@code .env} file configures logging like every other setting (the
 * environment wins over {@code .env}, as elsewhere). Must run before the first logger is created. A
 * value that is not valid is replaced by the default here; {@code dfs server} then refuses it with
 * the usual one-line message. Sets system properties: call once, from main.
 */
final class LogSettings {
  private static final List<ConfigKey<String>> KEYS =
      List.of(ConfigKeys.LOG_LEVEL, ConfigKeys.LOG_FORMAT);

  private LogSettings() {}

  static void apply(Map<String, String> env, Path dotEnv) {
    Map<String, String> fromFile;
    try {
      fromFile = ConfigSources.readDotEnv(dotEnv);
    } catch (ConfigException e) {
      fromFile = Map.of(); // dfs server reports the broken file itself
    }
    for (ConfigKey<String> key : KEYS) {
      String fallback =
          Objects.requireNonNull(key.defaultValue(), key.name() + ": a log setting has a default");
      String raw = env.getOrDefault(key.name(), fromFile.getOrDefault(key.name(), fallback));
      String value;
      try {
        value = key.parse(raw, null);
      } catch (ConfigException e) {
        value = fallback;
      }
      System.setProperty(key.name(), value);
    }
  }
}
