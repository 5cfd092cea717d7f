package dev.dfs.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What was built: the version and the git commit, from {@code dev/dfs/build.properties}, which
 * Maven writes at build time (resource filtering). A build outside a git checkout reports the
 * commit as {@code unknown}. Immutable.
 *
 * @param version the project version, e.g. {@code 0.9.0}
 * @param commit the abbreviated commit id (10 hex digits) or {@code unknown}
 */
public record BuildInfo(String version, String commit) {
  private static final String RESOURCE = "/dev/dfs/build.properties";
  private static final BuildInfo CURRENT = load();

  /** The build this code belongs to. */
  public static BuildInfo current() {
    return CURRENT;
  }

  /** {@code 0.9.0 (commit 1a2b3c4d5e)}. */
  public String describe() {
    return version + " (commit " + commit + ")";
  }

  static BuildInfo parse(Properties props) {
    String version = valueOr(props.getProperty("version"), "unknown");
    return new BuildInfo(version, valueOr(props.getProperty("commit"), "unknown"));
  }

  // A placeholder left unfiltered (the git plugin found no repository) counts as unknown.
  private static String valueOr(String value, String fallback) {
    return value == null || value.isBlank() || value.startsWith("${") ? fallback : value.trim();
  }

  private static BuildInfo load() {
    Properties props = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return parse(props);
  }
}
