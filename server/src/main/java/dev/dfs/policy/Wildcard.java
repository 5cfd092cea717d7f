package dev.dfs.policy;

/**
 * IAM-style glob matching: {@code *} matches any run of characters (also none and across {@code
 * /}), {@code ?} exactly one character; everything else literally. Pure, thread-safe.
 */
public final class Wildcard {
  private Wildcard() {}

  /** Whether {@code text} matches {@code pattern}, comparing characters exactly. */
  public static boolean matches(String pattern, String text) {
    return matches(pattern, text, false);
  }

  /** Whether {@code text} matches {@code pattern} ignoring case when {@code ignoreCase}. */
  public static boolean matches(String pattern, String text, boolean ignoreCase) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') p++;
    return p == pattern.length();
  }

  /** Whether {@code s} contains a wildcard character. */
  public static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    if (a == b) return true;
    return ignoreCase
        && (Character.toLowerCase(a) == Character.toLowerCase(b)
            || Character.toUpperCase(a) == Character.toUpperCase(b));
  }
}
