package dev.dfs.store;

import java.util.Locale;

/**
 * A precondition on a write ({@code If-None-Match: *} or {@code If-Match: <etag>} on PutObject
 * and CompleteMultipartUpload), checked by the engine atomically with the commit: of several
 * writers racing with {@code If-None-Match: *}, exactly one succeeds.
 *
 * @param ifNoneMatchAny the write succeeds only if no object exists under the key
 * @param ifMatchEtag the write succeeds only if the current object has this ETag ({@code *}:
 *     any current object); null for no such condition
 */
public record WriteCondition(boolean ifNoneMatchAny, String ifMatchEtag) {
  public static final WriteCondition NONE = new WriteCondition(false, null);

  public boolean isNone() {
    return !ifNoneMatchAny && ifMatchEtag == null;
  }

  /**
   * Checks the condition against the current object's ETag (null when there is none).
   *
   * @param atCommit false for an early check before the body is read, true for the check made
   *     atomically with the commit: an object that existed at the early check and is gone at
   *     commit is a conflict with a concurrent delete (CONDITIONAL_CONFLICT), as in S3
   * @throws StoreException PRECONDITION_FAILED, NO_SUCH_KEY or CONDITIONAL_CONFLICT
   */
  public void check(String currentEtag, boolean atCommit) {
    if (ifNoneMatchAny && currentEtag != null) {
      throw new StoreException(StoreError.PRECONDITION_FAILED,
          "At least one of the pre-conditions you specified did not hold (an object exists).");
    }
    if (ifMatchEtag == null) return;
    if (currentEtag == null) {
      throw atCommit
          ? new StoreException(StoreError.CONDITIONAL_CONFLICT,
              "A conflicting operation deleted the object while this conditional write ran.")
          : new StoreException(StoreError.NO_SUCH_KEY, "The specified key does not exist.");
    }
    if (!ifMatchEtag.trim().equals("*") && !normalize(ifMatchEtag).equals(normalize(currentEtag))) {
      throw new StoreException(StoreError.PRECONDITION_FAILED,
          "At least one of the pre-conditions you specified did not hold (ETag differs).");
    }
  }

  private static String normalize(String etag) {
    String e = etag.trim();
    if (e.startsWith("W/")) e = e.substring(2);
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) e = e.substring(1, e.length() - 1);
    return e.toLowerCase(Locale.ROOT);
  }
}
