package dev.dfs.server.config;

/** A setting with a bad value. The message names the setting and what was expected. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
