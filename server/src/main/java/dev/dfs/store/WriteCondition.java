package dev.dfs.store;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A precondition on a write (PutObject and CompleteMultipartUpload), checked by the engine
 * atomically with the commit: of several writers racing with {@code If-None-Match: *}, exactly one
 * succeeds. Immutable.
 *
 * @param ifNoneMatchAny the write succeeds only if no object exists under the key ({@code
 *     If-None-Match: *})
 * @param ifMatchEtag the write succeeds only if the current object has one of these ETags (a
 *     comma-separated entity-tag list as HTTP writes it; {@code *}: any current object); null for
 *     no such condition
 * @param ifNoneMatchEtag the write succeeds only if no current object has one of these ETags
 *     ({@code If-None-Match: <etag>}, as Ceph RGW and MinIO accept; a missing key passes); null for
 *     no such condition
 */
public record WriteCondition(
    boolean ifNoneMatchAny, @Nullable String ifMatchEtag, @Nullable String ifNoneMatchEtag) {
  public static final WriteCondition NONE = new WriteCondition(false, null, null);

  /** {@code If-None-Match: *} and/or {@code If-Match}, without an If-None-Match ETag list. */
  public WriteCondition(boolean ifNoneMatchAny, String ifMatchEtag) {
    this(ifNoneMatchAny, ifMatchEtag, null);
  }

  public boolean isNone() {
    return !ifNoneMatchAny && ifMatchEtag == null && ifNoneMatchEtag == null;
  }

  /**
   * Checks the condition against the current object's ETag (null when there is none: a missing key
   * or a delete marker).
   *
   * @param atCommit false for an early check before the body is read, true for the check made
   *     atomically with the commit: an object that existed at the early check and is gone at commit
   *     is a conflict with a concurrent delete (CONDITIONAL_CONFLICT), as in S3
   * @throws StoreException PRECONDITION_FAILED, NO_SUCH_KEY or CONDITIONAL_CONFLICT
   */
  public void check(@Nullable String currentEtag, boolean atCommit) {
    if (currentEtag != null
        && (ifNoneMatchAny || ifNoneMatchEtag != null && matches(ifNoneMatchEtag, currentEtag))) {
      throw new StoreException(
          StoreError.PRECONDITION_FAILED,
          "At least one of the pre-conditions you specified did not hold (If-None-Match).");
    }
    if (ifMatchEtag == null) return;
    if (currentEtag == null) {
      throw atCommit
          ? new StoreException(
              StoreError.CONDITIONAL_CONFLICT,
              "A conflicting operation deleted the object while this conditional write ran.")
          : new StoreException(StoreError.NO_SUCH_KEY, "The specified key does not exist.");
    }
    if (!matches(ifMatchEtag, currentEtag)) {
      throw new StoreException(
          StoreError.PRECONDITION_FAILED,
          "At least one of the pre-conditions you specified did not hold (If-Match).");
    }
  }

  /** Whether an entity-tag list ({@code "a", W/"b"} or {@code *}) names {@code etag}. */
  private static boolean matches(String list, String etag) {
    String current = normalize(etag);
    for (String candidate : list.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || normalize(c).equals(current)) return true;
    }
    return false;
  }

  private static String normalize(String etag) {
    String e = etag.trim();
    if (e.startsWith("W/")) e = e.substring(2);
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\""))
      e = e.substring(1, e.length() - 1);
    return e.toLowerCase(Locale.ROOT);
  }
}
