package dev.dfs.store;

/**
 * Names of the system attributes kept in {@link ObjectMetadata#attributes()}. One place lists
 * them so features cannot collide; each name belongs to the feature that documents it here.
 * Engines store attributes opaquely; only the protocol layer interprets them.
 */
public final class ObjectAttributes {
  private ObjectAttributes() {}

  /**
   * Object Lock retention mode of a version: {@code GOVERNANCE} or {@code COMPLIANCE}; absent
   * when the version has no retention. Always set together with {@link #LOCK_RETAIN_UNTIL}.
   */
  public static final String LOCK_MODE = "object-lock-mode";

  /** Object Lock retain-until date of a version, ISO-8601 UTC ({@code Instant.toString()}). */
  public static final String LOCK_RETAIN_UNTIL = "object-lock-retain-until";

  /** Object Lock legal hold of a version: {@code ON} or {@code OFF}; absent when never set. */
  public static final String LOCK_LEGAL_HOLD = "object-lock-legal-hold";
}
