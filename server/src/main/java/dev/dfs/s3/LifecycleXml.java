package dev.dfs.s3;

import dev.dfs.lifecycle.Expiration;
import dev.dfs.lifecycle.LifecycleConfiguration;
import dev.dfs.lifecycle.LifecycleRule;
import dev.dfs.lifecycle.NoncurrentVersionExpiration;
import dev.dfs.lifecycle.RuleFilter;
import dev.dfs.lifecycle.Transition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The {@code LifecycleConfiguration} document of Put/GetBucketLifecycleConfiguration: parsing with
 * S3's validation, and canonical rendering (which is also the stored form). Element names follow
 * the S3 API reference; the namespace is optional on input. Pure and thread-safe.
 *
 * <p>Errors: a document of the wrong shape (unknown or repeated elements, a Filter with two
 * conditions outside And, Expiration with both Days and Date, a missing Status…) is MalformedXML;
 * values S3 refuses (non-positive days, a Date not at midnight UTC, duplicate or over-long IDs,
 * more than 1000 rules, bad size bounds) are InvalidArgument naming the problem; rule combinations
 * S3 refuses (no action, AbortIncompleteMultipartUpload with a tag filter) are InvalidRequest.
 * Transition and NoncurrentVersionTransition are validated as S3 does ({@link
 * LifecycleTransitionXml}) and kept; on an engine without storage tiers a document valid in every
 * other respect that has one answers NotImplemented.
 */
final class LifecycleXml {
  static final int MAX_ID_CHARS = 255;
  static final int MAX_NEWER_NONCURRENT_VERSIONS = 100;

  private LifecycleXml() {}

  /** Parses a stored configuration (validated when it was put). */
  static LifecycleConfiguration parseStored(byte[] xml) {
    return parse(xml, true);
  }

  /**
   * Parses and validates a PutBucketLifecycleConfiguration body; rules without ID get one. {@code
   * tiers}: whether the engine can move objects between storage classes; when not, a document with
   * transition actions answers NotImplemented.
   */
  static LifecycleConfiguration parse(byte[] xml, boolean tiers) {
    XmlWalk walk = XmlWalk.open(xml, "LifecycleConfiguration");
    List<LifecycleRule> rules = new ArrayList<>();
    List<String> transitions = new ArrayList<>();
    while (walk.nextChild()) {
      if (!walk.name().equals("Rule")) throw XmlWalk.malformed();
      rules.add(rule(walk, transitions));
      if (rules.size() > LifecycleConfiguration.MAX_RULES) {
        throw new S3Exception(
            S3ErrorCode.INVALID_ARGUMENT,
            "The number of lifecycle rules"
                + " should not exceed allowed limit of "
                + LifecycleConfiguration.MAX_RULES
                + " rules");
      }
    }
    walk.finish();
    if (rules.isEmpty()) throw XmlWalk.malformed();
    Set<String> ids = new HashSet<>();
    for (LifecycleRule r : rules) {
      if (!ids.add(r.id())) {
        throw S3Exception.invalidArgument(
            "Rule ID must be unique. Found same ID for more than one rule", "ID", r.id());
      }
    }
    if (!transitions.isEmpty() && !tiers) {
      throw new S3Exception(
          S3ErrorCode.NOT_IMPLEMENTED,
          "This engine has no storage tiers to"
              + " transition to: lifecycle "
              + transitions.getFirst()
              + " actions are not implemented.");
    }
    return new LifecycleConfiguration(rules);
  }

  /** One rule; the names of its (validated) transition actions are added to {@code transitions}. */
  private static LifecycleRule rule(XmlWalk walk, List<String> transitions) {
    String id = null;
    String status = null;
    RuleFilter filter = null;
    String legacyPrefix = null;
    Expiration expiration = null;
    NoncurrentVersionExpiration noncurrent = null;
    Integer abortDays = null;
    List<Transition> moves = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (walk.nextChild()) {
      String name = walk.name();
      if (LifecycleTransitionXml.isTransition(name)) { // may repeat, one per storage class
        moves.add(LifecycleTransitionXml.check(walk));
        transitions.add(name);
        continue;
      }
      if (!seen.add(name)) throw XmlWalk.malformed();
      switch (name) {
        case "ID" -> id = walk.text().trim();
        case "Status" -> status = walk.text().trim();
        case "Prefix" -> legacyPrefix = walk.text();
        case "Filter" -> filter = filter(walk);
        case "Expiration" -> expiration = expiration(walk);
        case "NoncurrentVersionExpiration" -> noncurrent = noncurrentExpiration(walk);
        case "AbortIncompleteMultipartUpload" -> abortDays = abortDays(walk);
        default -> throw XmlWalk.malformed();
      }
    }
    id = checkedId(id);
    if (status == null || !(status.equals("Enabled") || status.equals("Disabled"))) {
      throw XmlWalk.malformed();
    }
    filter = ruleFilter(filter, legacyPrefix);
    checkActions(filter, expiration, noncurrent, abortDays, !moves.isEmpty());
    return new LifecycleRule(
        id, status.equals("Enabled"), filter, expiration, noncurrent, abortDays, moves);
  }

  /** The rule's ID, generated when absent or empty; refused when too long. */
  private static String checkedId(@Nullable String id) {
    if (id == null || id.isEmpty()) id = generatedId();
    if (id.codePointCount(0, id.length()) > MAX_ID_CHARS) {
      throw S3Exception.invalidArgument(
          "ID length should not exceed allowed limit of " + MAX_ID_CHARS, "ID", id);
    }
    return id;
  }

  /** Exactly one of {@code Filter} and the legacy rule-level {@code Prefix}, as a filter. */
  private static RuleFilter ruleFilter(@Nullable RuleFilter filter, @Nullable String legacyPrefix) {
    if (filter != null && legacyPrefix != null) throw XmlWalk.malformed();
    if (filter != null) return filter;
    if (legacyPrefix == null) throw XmlWalk.malformed(); // one of the two is required
    return new RuleFilter(legacyPrefix, Map.of(), null, null, RuleFilter.Shape.LEGACY_PREFIX);
  }

  /** At least one action, and none that S3 refuses with this filter. */
  private static void checkActions(
      RuleFilter filter,
      @Nullable Expiration expiration,
      @Nullable NoncurrentVersionExpiration noncurrent,
      @Nullable Integer abortDays,
      boolean transition) {
    if (expiration == null && noncurrent == null && abortDays == null && !transition) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST, "At least one action needs to be specified in a rule");
    }
    if (abortDays != null && !filter.tags().isEmpty()) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "AbortIncompleteMultipartUpload cannot be specified with Tags.");
    }
    if (abortDays != null && (filter.sizeGreaterThan() != null || filter.sizeLessThan() != null)) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "AbortIncompleteMultipartUpload cannot"
              + " be specified with ObjectSizeGreaterThan or ObjectSizeLessThan.");
    }
    if (expiration != null
        && expiration.expiredObjectDeleteMarker() != null
        && !filter.tags().isEmpty()) {
      throw S3Exception.invalidArgument(
          "ExpiredObjectDeleteMarker cannot be specified with tags.",
          "ExpiredObjectDeleteMarker",
          expiration.expiredObjectDeleteMarker().toString());
    }
  }

  /** A {@code Filter} element's content (the walk stands on it). MalformedXML, InvalidArgument. */
  static RuleFilter filter(XmlWalk walk) {
    Conditions c = new Conditions();
    int count = 0;
    boolean and = false;
    while (walk.nextChild()) {
      count++;
      if (walk.name().equals("And")) {
        and = true;
        while (walk.nextChild()) {
          if (walk.name().equals("Tags")) {
            while (walk.nextChild()) {
              if (!walk.name().equals("Tag")) throw XmlWalk.malformed();
              c.tag(walk);
            }
          } else {
            c.read(walk);
          }
        }
        if (c.count() < 1) throw XmlWalk.malformed();
      } else {
        c.read(walk);
      }
    }
    if (count > 1) throw XmlWalk.malformed();
    c.checkSizes();
    return new RuleFilter(
        Objects.requireNonNullElse(c.prefix, ""), // no Prefix: any key
        c.tags,
        c.greater,
        c.less,
        and ? RuleFilter.Shape.AND : RuleFilter.Shape.SINGLE);
  }

  /** The conditions of a Filter or its And; each element at most once, tags unique. */
  private static final class Conditions {
    @Nullable String prefix;
    final Map<String, String> tags = new LinkedHashMap<>();
    @Nullable Long greater;
    @Nullable Long less;

    int count() {
      return (prefix == null ? 0 : 1)
          + tags.size()
          + (greater == null ? 0 : 1)
          + (less == null ? 0 : 1);
    }

    void read(XmlWalk walk) {
      switch (walk.name()) {
        case "Prefix" -> {
          if (prefix != null) throw XmlWalk.malformed();
          prefix = walk.text();
        }
        case "Tag" -> tag(walk);
        case "ObjectSizeGreaterThan" -> {
          if (greater != null) throw XmlWalk.malformed();
          greater = longValue(walk.text());
        }
        case "ObjectSizeLessThan" -> {
          if (less != null) throw XmlWalk.malformed();
          less = longValue(walk.text());
        }
        default -> throw XmlWalk.malformed();
      }
    }

    void tag(XmlWalk walk) {
      String key = null;
      String value = null;
      while (walk.nextChild()) {
        switch (walk.name()) {
          case "Key" -> {
            if (key != null) throw XmlWalk.malformed();
            key = walk.text();
          }
          case "Value" -> {
            if (value != null) throw XmlWalk.malformed();
            value = walk.text();
          }
          default -> throw XmlWalk.malformed();
        }
      }
      if (key == null) throw XmlWalk.malformed();
      if (value == null) value = "";
      if (key.isEmpty() || key.codePointCount(0, key.length()) > ObjectTags.MAX_KEY_CHARS) {
        throw new S3Exception(
            S3ErrorCode.INVALID_ARGUMENT,
            "The TagKey you have provided is"
                + " invalid: it must be 1 to "
                + ObjectTags.MAX_KEY_CHARS
                + " characters.");
      }
      if (value.codePointCount(0, value.length()) > ObjectTags.MAX_VALUE_CHARS) {
        throw new S3Exception(
            S3ErrorCode.INVALID_ARGUMENT,
            "The TagValue you have provided is"
                + " invalid: it must be at most "
                + ObjectTags.MAX_VALUE_CHARS
                + " characters.");
      }
      if (tags.putIfAbsent(key, value) != null) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Duplicate Tag Keys are not allowed.");
      }
    }

    void checkSizes() {
      if (greater != null && greater < 0) {
        throw S3Exception.invalidArgument(
            "ObjectSizeGreaterThan must be a non-negative" + " integer",
            "ObjectSizeGreaterThan",
            greater.toString());
      }
      if (less != null && less <= 0) {
        throw S3Exception.invalidArgument(
            "ObjectSizeLessThan must be a positive integer", "ObjectSizeLessThan", less.toString());
      }
      if (greater != null && less != null && greater >= less) {
        throw new S3Exception(
            S3ErrorCode.INVALID_ARGUMENT,
            "ObjectSizeGreaterThan must be less than ObjectSizeLessThan in a rule.");
      }
    }
  }

  private static Expiration expiration(XmlWalk walk) {
    Integer days = null;
    LocalDate date = null;
    Boolean marker = null;
    Set<String> seen = new HashSet<>();
    while (walk.nextChild()) {
      String name = walk.name();
      if (!seen.add(name)) throw XmlWalk.malformed();
      switch (name) {
        case "Days" -> days = positiveDays(walk.text(), "Days", "Expiration");
        case "Date" -> date = midnight(walk.text());
        case "ExpiredObjectDeleteMarker" -> marker = bool(walk.text());
        default -> throw XmlWalk.malformed();
      }
    }
    // Exactly one of the three, as S3's schema requires.
    if (seen.size() != 1) throw XmlWalk.malformed();
    return new Expiration(days, date, marker);
  }

  private static NoncurrentVersionExpiration noncurrentExpiration(XmlWalk walk) {
    Integer days = null;
    Integer newer = null;
    Set<String> seen = new HashSet<>();
    while (walk.nextChild()) {
      String name = walk.name();
      if (!seen.add(name)) throw XmlWalk.malformed();
      switch (name) {
        case "NoncurrentDays" ->
            days = positiveDays(walk.text(), "NoncurrentDays", "NoncurrentVersionExpiration");
        case "NewerNoncurrentVersions" -> {
          newer = intValue(walk.text());
          if (newer < 1 || newer > MAX_NEWER_NONCURRENT_VERSIONS) {
            throw S3Exception.invalidArgument(
                "'NewerNoncurrentVersions' in the"
                    + " NoncurrentVersionExpiration action must be between 1 and "
                    + MAX_NEWER_NONCURRENT_VERSIONS,
                "NewerNoncurrentVersions",
                newer.toString());
          }
        }
        default -> throw XmlWalk.malformed();
      }
    }
    if (days == null) throw XmlWalk.malformed();
    return new NoncurrentVersionExpiration(days, newer);
  }

  private static Integer abortDays(XmlWalk walk) {
    Integer days = null;
    while (walk.nextChild()) {
      if (!walk.name().equals("DaysAfterInitiation") || days != null) throw XmlWalk.malformed();
      days = positiveDays(walk.text(), "DaysAfterInitiation", "AbortIncompleteMultipartUpload");
    }
    if (days == null) throw XmlWalk.malformed();
    return days;
  }

  private static int positiveDays(String text, String element, String action) {
    int days = intValue(text);
    if (days <= 0) {
      throw S3Exception.invalidArgument(
          "'" + element + "' for " + action + " action must be a positive integer",
          element,
          text.trim());
    }
    return days;
  }

  /** An ISO-8601 date or date-time that must be exactly midnight UTC. */
  static LocalDate midnight(String text) {
    String t = text.trim();
    Instant at;
    try {
      at =
          t.length() == 10
              ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
              : OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw S3Exception.invalidArgument("Invalid date: 'Date' must be an ISO 8601 date", "Date", t);
    }
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    if (!day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(at)) {
      throw S3Exception.invalidArgument("'Date' must be at midnight GMT", "Date", t);
    }
    return day;
  }

  static int intValue(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw XmlWalk.malformed();
    }
  }

  private static long longValue(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw XmlWalk.malformed();
    }
  }

  private static boolean bool(String text) {
    return switch (text.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw XmlWalk.malformed();
    };
  }

  /** A random rule ID, as S3 assigns to rules sent without one. */
  private static String generatedId() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder b = new StringBuilder(48);
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < 48; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return b.toString();
  }

  /** The canonical {@code LifecycleConfiguration} document (GET's answer and the stored form). */
  static XmlOut toXml(LifecycleConfiguration config) {
    XmlOut xml = XmlOut.document("LifecycleConfiguration");
    for (LifecycleRule rule : config.rules()) {
      xml.start("Rule").element("ID", rule.id());
      RuleFilter f = rule.filter();
      if (f.shape() == RuleFilter.Shape.LEGACY_PREFIX) {
        xml.element("Prefix", f.prefix());
      } else {
        writeFilter(xml, f);
      }
      xml.element("Status", rule.enabled() ? "Enabled" : "Disabled");
      Expiration e = rule.expiration();
      if (e != null) {
        xml.start("Expiration");
        if (e.days() != null) xml.element("Days", e.days());
        if (e.date() != null) {
          xml.element("Date", e.date().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (e.expiredObjectDeleteMarker() != null) {
          xml.element("ExpiredObjectDeleteMarker", e.expiredObjectDeleteMarker());
        }
        xml.end();
      }
      NoncurrentVersionExpiration n = rule.noncurrentVersionExpiration();
      if (n != null) {
        xml.start("NoncurrentVersionExpiration").element("NoncurrentDays", n.noncurrentDays());
        if (n.newerNoncurrentVersions() != null) {
          xml.element("NewerNoncurrentVersions", n.newerNoncurrentVersions());
        }
        xml.end();
      }
      for (Transition t : rule.transitions()) writeTransition(xml, t);
      if (rule.abortDaysAfterInitiation() != null) {
        xml.start("AbortIncompleteMultipartUpload")
            .element("DaysAfterInitiation", rule.abortDaysAfterInitiation())
            .end();
      }
      xml.end();
    }
    return xml;
  }

  private static void writeTransition(XmlOut xml, Transition t) {
    if (t.noncurrent()) {
      // a noncurrent transition counts days, never a date (Transition checks it)
      int days = Objects.requireNonNull(t.days(), "a noncurrent transition's days");
      xml.start("NoncurrentVersionTransition").element("NoncurrentDays", days);
      if (t.newerNoncurrentVersions() != null) {
        xml.element("NewerNoncurrentVersions", t.newerNoncurrentVersions());
      }
    } else {
      xml.start("Transition");
      if (t.days() != null) xml.element("Days", t.days());
      if (t.date() != null) xml.element("Date", t.date().atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    xml.element("StorageClass", t.storageClass()).end();
  }

  /** Renders {@code f} as a {@code Filter} element. */
  static void writeFilter(XmlOut xml, RuleFilter f) {
    xml.start("Filter");
    boolean and = f.shape() == RuleFilter.Shape.AND || f.conditions() > 1;
    if (and) xml.start("And");
    if (!f.prefix().isEmpty() || f.conditions() == 0 && !and) xml.element("Prefix", f.prefix());
    f.tags().forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
    if (f.sizeGreaterThan() != null) xml.element("ObjectSizeGreaterThan", f.sizeGreaterThan());
    if (f.sizeLessThan() != null) xml.element("ObjectSizeLessThan", f.sizeLessThan());
    if (and) xml.end();
    xml.end();
  }
}
