package dev.dfs.s3;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The Object Lock documents: {@code ObjectLockConfiguration}, {@code Retention} and {@code
 * LegalHold}, parsed strictly (MalformedXML for anything S3 would not accept) and rendered as S3
 * writes them. Pure and thread-safe.
 */
final class ObjectLockXml {
  private ObjectLockXml() {}

  static final String GOVERNANCE = "GOVERNANCE";
  static final String COMPLIANCE = "COMPLIANCE";

  /**
   * A bucket's Object Lock configuration.
   *
   * @param mode the default retention mode, or null for no default retention
   * @param days default retention in days (0 when given in years or no default)
   * @param years default retention in years (0 when given in days or no default)
   */
  record Config(@Nullable String mode, int days, int years) {
    static final Config ENABLED_ONLY = new Config(null, 0, 0);

    /** The default retain-until date for a version written at {@code now}, or null. */
    @Nullable Instant defaultUntil(Instant now) {
      if (mode == null) return null;
      return days > 0
          ? now.plus(java.time.Duration.ofDays(days))
          : now.atOffset(java.time.ZoneOffset.UTC).plusYears(years).toInstant();
    }
  }

  /** A retention: both null for none (an empty {@code <Retention/>} removes it). */
  record Retention(@Nullable String mode, @Nullable Instant until) {
    boolean isNone() {
      return mode == null;
    }
  }

  static Config parseConfig(byte[] xml) {
    XmlWalk walk = XmlWalk.open(xml, "ObjectLockConfiguration");
    boolean enabled = false;
    Config config = Config.ENABLED_ONLY;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "ObjectLockEnabled" -> {
          if (!walk.text().trim().equals("Enabled")) throw XmlWalk.malformed();
          enabled = true;
        }
        case "Rule" -> config = rule(walk);
        default -> walk.skip();
      }
    }
    walk.finish();
    if (!enabled) throw XmlWalk.malformed();
    return config;
  }

  private static Config rule(XmlWalk walk) {
    Config config = null;
    while (walk.nextChild()) {
      if (!walk.name().equals("DefaultRetention")) {
        walk.skip();
        continue;
      }
      String mode = null;
      Integer days = null;
      Integer years = null;
      while (walk.nextChild()) {
        switch (walk.name()) {
          case "Mode" -> mode = mode(walk.text().trim());
          case "Days" -> days = positive(walk.text().trim());
          case "Years" -> years = positive(walk.text().trim());
          default -> walk.skip();
        }
      }
      if (mode == null || (days == null) == (years == null)) throw XmlWalk.malformed();
      config = new Config(mode, days == null ? 0 : days, years == null ? 0 : years);
    }
    if (config == null) throw XmlWalk.malformed();
    return config;
  }

  /** A default retention period: 400 InvalidRetentionPeriod unless 1..36500, as S3. */
  private static int positive(String text) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw XmlWalk.malformed();
    }
    if (n <= 0 || n > 36500) throw new S3Exception(S3ErrorCode.INVALID_RETENTION_PERIOD);
    return n;
  }

  /** GOVERNANCE or COMPLIANCE; MalformedXML otherwise. */
  private static String mode(String text) {
    if (text.equals(GOVERNANCE) || text.equals(COMPLIANCE)) return text;
    throw XmlWalk.malformed();
  }

  static XmlOut render(Config c) {
    XmlOut xml = XmlOut.document("ObjectLockConfiguration").element("ObjectLockEnabled", "Enabled");
    if (c.mode() != null) {
      xml.start("Rule").start("DefaultRetention").element("Mode", c.mode());
      if (c.days() > 0) xml.element("Days", c.days());
      if (c.years() > 0) xml.element("Years", c.years());
      xml.end().end();
    }
    return xml;
  }

  static Retention parseRetention(byte[] xml) {
    XmlWalk walk = XmlWalk.open(xml, "Retention");
    String mode = null;
    Instant until = null;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "Mode" -> mode = mode(walk.text().trim());
        case "RetainUntilDate" -> {
          until = date(walk.text().trim());
          if (until == null) throw XmlWalk.malformed();
        }
        default -> walk.skip();
      }
    }
    walk.finish();
    if ((mode == null) != (until == null)) throw XmlWalk.malformed();
    return new Retention(mode, until);
  }

  static XmlOut render(Retention r) {
    return XmlOut.document("Retention")
        .element("Mode", r.mode())
        .element("RetainUntilDate", r.until());
  }

  /** Parses {@code <LegalHold><Status>ON|OFF</Status></LegalHold>}; returns true for ON. */
  static boolean parseLegalHold(byte[] xml) {
    XmlWalk walk = XmlWalk.open(xml, "LegalHold");
    Boolean on = null;
    while (walk.nextChild()) {
      if (walk.name().equals("Status")) {
        on =
            switch (walk.text().trim()) {
              case "ON" -> true;
              case "OFF" -> false;
              default -> throw XmlWalk.malformed();
            };
      } else {
        walk.skip();
      }
    }
    walk.finish();
    if (on == null) throw XmlWalk.malformed();
    return on;
  }

  static XmlOut renderLegalHold(String status) {
    return XmlOut.document("LegalHold").element("Status", status);
  }

  /** An ISO-8601 date-time with offset (S3 and the SDKs send {@code …Z}), or null if invalid. */
  static @Nullable Instant date(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
