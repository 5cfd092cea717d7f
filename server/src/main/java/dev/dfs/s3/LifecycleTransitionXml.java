package dev.dfs.s3;

import java.util.HashSet;
import java.util.Set;

/**
 * Parsing and validation of the {@code Transition} and {@code NoncurrentVersionTransition} actions
 * of a lifecycle rule, with S3's errors (MalformedXML, InvalidArgument), so that an invalid rule is
 * refused for what is wrong with it before an engine without storage tiers refuses a valid one with
 * NotImplemented. Pure and thread-safe.
 */
final class LifecycleTransitionXml {
  /** The storage classes S3 transitions objects to. */
  static final Set<String> TARGET_CLASSES =
      Set.of(
          "GLACIER",
          "STANDARD_IA",
          "ONEZONE_IA",
          "INTELLIGENT_TIERING",
          "DEEP_ARCHIVE",
          "GLACIER_IR");

  /** S3's minimum age before an object may move to an infrequent-access class. */
  static final int MIN_IA_DAYS = 30;

  private LifecycleTransitionXml() {}

  /** Whether {@code element} is a transition action of a rule. */
  static boolean isTransition(String element) {
    return element.equals("Transition") || element.equals("NoncurrentVersionTransition");
  }

  /** Reads and validates one transition action ({@link #isTransition} of the walk's name). */
  static dev.dfs.lifecycle.Transition check(XmlWalk walk) {
    boolean noncurrent = walk.name().equals("NoncurrentVersionTransition");
    String action = walk.name();
    String daysElement = noncurrent ? "NoncurrentDays" : "Days";
    Integer days = null;
    boolean date = false;
    java.time.LocalDate on = null;
    Integer newer = null;
    String storageClass = null;
    Set<String> seen = new HashSet<>();
    while (walk.nextChild()) {
      String name = walk.name();
      if (!seen.add(name)) throw XmlWalk.malformed();
      if (name.equals(daysElement)) {
        days = nonNegativeDays(walk.text(), daysElement, action);
      } else if (name.equals("Date") && !noncurrent) {
        on = LifecycleXml.midnight(walk.text());
        date = true;
      } else if (name.equals("StorageClass")) {
        storageClass = walk.text().trim();
      } else if (name.equals("NewerNoncurrentVersions") && noncurrent) {
        newer = newerVersions(walk.text());
      } else {
        throw XmlWalk.malformed();
      }
    }
    // Exactly one of Days and Date (NoncurrentDays for the noncurrent action), and a class.
    if ((days == null) == !date || noncurrent && days == null || storageClass == null) {
      throw XmlWalk.malformed();
    }
    if (!TARGET_CLASSES.contains(storageClass)) throw XmlWalk.malformed();
    if (days != null
        && days < MIN_IA_DAYS
        && (storageClass.equals("STANDARD_IA") || storageClass.equals("ONEZONE_IA"))) {
      throw S3Exception.invalidArgument(
          "'"
              + daysElement
              + "' in "
              + action
              + " action must be"
              + " greater than or equal to "
              + MIN_IA_DAYS
              + " for storageClass '"
              + storageClass
              + "'",
          daysElement,
          days.toString());
    }
    return new dev.dfs.lifecycle.Transition(storageClass, days, on, noncurrent, newer);
  }

  private static int nonNegativeDays(String text, String element, String action) {
    int days = LifecycleXml.intValue(text);
    if (days < 0) {
      throw S3Exception.invalidArgument(
          "'" + element + "' in " + action + " action must be nonnegative", element, text.trim());
    }
    return days;
  }

  private static int newerVersions(String text) {
    int newer = LifecycleXml.intValue(text);
    if (newer < 1 || newer > LifecycleXml.MAX_NEWER_NONCURRENT_VERSIONS) {
      throw S3Exception.invalidArgument(
          "'NewerNoncurrentVersions' in the"
              + " NoncurrentVersionTransition action must be between 1 and "
              + LifecycleXml.MAX_NEWER_NONCURRENT_VERSIONS,
          "NewerNoncurrentVersions",
          Integer.toString(newer));
    }
    return newer;
  }
}
