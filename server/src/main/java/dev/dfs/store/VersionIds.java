package dev.dfs.store;

import java.util.regex.Pattern;

/**
 * The shape of version ids on the wire: {@link #NULL} for the null version, else 32 lower-case hex
 * digits (opaque to clients; engines decide what they encode). Pure.
 */
public final class VersionIds {
  /** The id of the null version, as S3 writes it. */
  public static final String NULL = "null";

  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private VersionIds() {}

  /** Whether {@code id} is {@link #NULL} or has the shape of an id an engine could issue. */
  public static boolean isWellFormed(String id) {
    return id != null && (id.equals(NULL) || ID.matcher(id).matches());
  }
}
