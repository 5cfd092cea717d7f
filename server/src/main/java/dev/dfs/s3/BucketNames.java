package dev.dfs.s3;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The naming rules for new buckets: S3's rules for general purpose buckets plus the names {@code
 * api}, {@code metrics} and {@code console}, which DFS keeps for its management API (path-style
 * {@code /api/v1/…}), Prometheus endpoint ({@code GET /metrics}) and web console ({@code
 * /console/…}). Only CreateBucket enforces them; other operations on a badly named bucket simply
 * find nothing. Pure and thread-safe.
 */
public final class BucketNames {
  /** Names DFS keeps for itself. */
  public static final List<String> RESERVED = List.of("api", "metrics", "console");

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private BucketNames() {}

  /**
   * Checks {@code name} against the rules.
   *
   * @throws S3Exception InvalidBucketName naming the broken rule, with a {@code BucketName} element
   */
  public static void validate(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new S3Exception(
          S3ErrorCode.INVALID_BUCKET_NAME,
          "The specified bucket is not valid: " + problem,
          Map.of("BucketName", name == null ? "" : name));
    }
  }

  /** Whether {@code name} may be used for a new bucket. */
  public static boolean isValid(String name) {
    return problem(name) == null;
  }

  /** What is wrong with {@code name}, or null when it is a valid bucket name. */
  static @Nullable String problem(String name) {
    if (name == null || name.length() < 3 || name.length() > 63) {
      return "bucket names must be between 3 and 63 characters long.";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
      if (!ok) {
        return "bucket names may contain only lower-case letters, digits, dots and hyphens.";
      }
    }
    if (!isLetterOrDigit(name.charAt(0)) || !isLetterOrDigit(name.charAt(name.length() - 1))) {
      return "bucket names must begin and end with a letter or digit.";
    }
    if (name.contains("..")) {
      return "bucket names must not contain two adjacent periods.";
    }
    if (IPV4.matcher(name).matches()) {
      return "bucket names must not be formatted as an IP address.";
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (name.startsWith(prefix)) return "bucket names must not start with '" + prefix + "'.";
    }
    for (String suffix : RESERVED_SUFFIXES) {
      if (name.endsWith(suffix)) return "bucket names must not end with '" + suffix + "'.";
    }
    if (name.equals("api")) {
      return "'api' is reserved: path-style /api/v1/ is the DFS management API.";
    }
    if (name.equals("console")) {
      return "'console' is reserved: path-style /console/ is the DFS web console.";
    }
    if (RESERVED.contains(name)) {
      return "'"
          + name
          + "' is reserved: path-style GET /"
          + name
          + " is DFS' Prometheus endpoint.";
    }
    return null;
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
