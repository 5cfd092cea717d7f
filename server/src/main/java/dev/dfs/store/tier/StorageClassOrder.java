package dev.dfs.store.tier;

import java.util.List;

/**
 * S3's transition waterfall: lifecycle rules move objects only towards colder classes, in the order
 * {@code STANDARD}, {@code STANDARD_IA}, {@code INTELLIGENT_TIERING}, {@code ONEZONE_IA}, {@code
 * GLACIER_IR}, {@code GLACIER}, {@code DEEP_ARCHIVE} (as the S3 user guide's "supported lifecycle
 * transitions" lists them), never back up. Pure and thread-safe.
 */
public final class StorageClassOrder {
  private static final List<String> WATERFALL =
      List.of(
          "STANDARD",
          "STANDARD_IA",
          "INTELLIGENT_TIERING",
          "ONEZONE_IA",
          "GLACIER_IR",
          "GLACIER",
          "DEEP_ARCHIVE");

  private StorageClassOrder() {}

  /**
   * Whether a lifecycle transition may move a version of class {@code from} to {@code to}: {@code
   * to} lies further down the waterfall. A class outside it (REDUCED_REDUNDANCY…) moves down to any
   * class of the waterfall but STANDARD.
   */
  public static boolean colder(String to, String from) {
    int t = WATERFALL.indexOf(to);
    int f = WATERFALL.indexOf(from);
    return t > 0 && t > f;
  }
}
