package dev.dfs.identity;

import java.util.Locale;

/**
 * Whether an access key may authenticate. The wire form is S3's: {@code Active}, {@code Inactive}.
 */
public enum KeyStatus {
  ACTIVE("Active"),
  INACTIVE("Inactive");

  private final String wire;

  KeyStatus(String wire) {
    this.wire = wire;
  }

  /** {@code Active} or {@code Inactive}. */
  public String wire() {
    return wire;
  }

  /**
   * Parses {@code Active}/{@code Inactive} in any case.
   *
   * @throws IdentityException INVALID for anything else
   */
  public static KeyStatus parse(String s) {
    if (s != null) {
      for (KeyStatus k : values()) {
        if (k.wire.toLowerCase(Locale.ROOT).equals(s.strip().toLowerCase(Locale.ROOT))) return k;
      }
    }
    throw new IdentityException(
        IdentityException.Reason.INVALID, "status must be Active or Inactive, not '" + s + "'");
  }
}
