package dev.dfs.s3;

import dev.dfs.lifecycle.IntelligentTieringConfiguration;
import dev.dfs.lifecycle.RuleFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The XML of S3 Intelligent-Tiering configurations: {@code IntelligentTieringConfiguration} (Id,
 * optional Filter of Prefix, Tag or And, Status, one or two Tiering of AccessTier ARCHIVE_ACCESS or
 * DEEP_ARCHIVE_ACCESS and Days), the List output, and the stored form of a bucket's configurations
 * ({@code IntelligentTieringConfigurations}, sorted by id). Errors as S3: a document of the wrong
 * shape (unknown, missing or repeated elements, another access tier, a size filter) is
 * MalformedXML; Days out of S3's bounds (ARCHIVE_ACCESS 90 to 730, DEEP_ARCHIVE_ACCESS 180 to 730),
 * an access tier given twice or a bad Id are InvalidArgument. Pure and thread-safe.
 */
final class IntelligentTieringXml {
  static final String ROOT = "IntelligentTieringConfiguration";
  static final String STORED_ROOT = "IntelligentTieringConfigurations";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private IntelligentTieringXml() {}

  /** A PUT body. */
  static IntelligentTieringConfiguration parse(byte[] body) {
    XmlWalk walk = XmlWalk.open(body, ROOT);
    IntelligentTieringConfiguration c = configuration(walk);
    walk.finish();
    return c;
  }

  /** The stored document of a bucket: its configurations. */
  static List<IntelligentTieringConfiguration> parseStored(byte[] doc) {
    XmlWalk walk = XmlWalk.open(doc, STORED_ROOT);
    List<IntelligentTieringConfiguration> out = new ArrayList<>();
    while (walk.nextChild()) {
      if (!walk.name().equals(ROOT)) throw XmlWalk.malformed();
      out.add(configuration(walk));
    }
    return out;
  }

  /** Checks an Id (the query's or the body's): 1 to 64 letters, digits, '.', '-', '_'. */
  static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw S3Exception.invalidArgument(
          "The Id must be 1 to 64 letters, digits, periods," + " dashes or underscores.",
          "id",
          id == null ? "" : id);
    }
  }

  private static IntelligentTieringConfiguration configuration(XmlWalk walk) {
    String id = null;
    String status = null;
    RuleFilter filter = null;
    Integer archive = null;
    Integer deep = null;
    boolean tiering = false;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "Id" -> id = once(id, walk.text());
        case "Status" -> status = once(status, walk.text());
        case "Filter" -> {
          if (filter != null) throw XmlWalk.malformed();
          filter = LifecycleXml.filter(walk);
        }
        case "Tiering" -> {
          tiering = true;
          Tiering t = tiering(walk);
          if (t.deep ? deep != null : archive != null) {
            throw S3Exception.invalidArgument(
                "Each AccessTier may be given once.",
                "AccessTier",
                t.deep ? "DEEP_ARCHIVE_ACCESS" : "ARCHIVE_ACCESS");
          }
          if (t.deep) deep = t.days;
          else archive = t.days;
        }
        default -> throw XmlWalk.malformed();
      }
    }
    if (id == null || status == null || !tiering) throw XmlWalk.malformed();
    if (!status.equals("Enabled") && !status.equals("Disabled")) throw XmlWalk.malformed();
    checkId(id);
    if (filter == null) filter = RuleFilter.ALL;
    if (filter.sizeGreaterThan() != null || filter.sizeLessThan() != null) {
      throw XmlWalk.malformed();
    }
    return new IntelligentTieringConfiguration(id, filter, status.equals("Enabled"), archive, deep);
  }

  private static String once(@Nullable String old, String value) {
    if (old != null) throw XmlWalk.malformed();
    return value;
  }

  private record Tiering(boolean deep, int days) {}

  private static Tiering tiering(XmlWalk walk) {
    String tier = null;
    String days = null;
    while (walk.nextChild()) {
      switch (walk.name()) {
        case "AccessTier" -> tier = once(tier, walk.text());
        case "Days" -> days = once(days, walk.text());
        default -> throw XmlWalk.malformed();
      }
    }
    if (tier == null || days == null) throw XmlWalk.malformed();
    boolean deep =
        switch (tier) {
          case "ARCHIVE_ACCESS" -> false;
          case "DEEP_ARCHIVE_ACCESS" -> true;
          default -> throw XmlWalk.malformed();
        };
    int min =
        deep
            ? IntelligentTieringConfiguration.MIN_DEEP_ARCHIVE_DAYS
            : IntelligentTieringConfiguration.MIN_ARCHIVE_DAYS;
    int n;
    try {
      n = Integer.parseInt(days.strip());
    } catch (NumberFormatException e) {
      throw XmlWalk.malformed();
    }
    if (n < min || n > IntelligentTieringConfiguration.MAX_DAYS) {
      throw S3Exception.invalidArgument(
          "Days for "
              + tier
              + " must be between "
              + min
              + " and "
              + IntelligentTieringConfiguration.MAX_DAYS
              + ".",
          "Days",
          days);
    }
    return new Tiering(deep, n);
  }

  /** One configuration as GET answers it. */
  static XmlOut render(IntelligentTieringConfiguration c) {
    XmlOut xml = XmlOut.document(ROOT);
    write(xml, c);
    return xml;
  }

  /** The stored document of {@code all}. */
  static XmlOut renderStored(List<IntelligentTieringConfiguration> all) {
    XmlOut xml = XmlOut.document(STORED_ROOT);
    for (IntelligentTieringConfiguration c : all) {
      xml.start(ROOT);
      write(xml, c);
      xml.end();
    }
    return xml;
  }

  /** The ListBucketIntelligentTieringConfigurations answer. */
  static XmlOut renderList(
      List<IntelligentTieringConfiguration> page, @Nullable String token, @Nullable String next) {
    XmlOut xml = XmlOut.document("ListBucketIntelligentTieringConfigurationsOutput");
    xml.element("IsTruncated", next != null);
    if (token != null) xml.element("ContinuationToken", token);
    if (next != null) xml.element("NextContinuationToken", next);
    for (IntelligentTieringConfiguration c : page) {
      xml.start(ROOT);
      write(xml, c);
      xml.end();
    }
    return xml;
  }

  private static void write(XmlOut xml, IntelligentTieringConfiguration c) {
    xml.element("Id", c.id());
    if (c.filter().conditions() > 0) LifecycleXml.writeFilter(xml, c.filter());
    xml.element("Status", c.enabled() ? "Enabled" : "Disabled");
    if (c.archiveDays() != null) {
      xml.start("Tiering")
          .element("AccessTier", "ARCHIVE_ACCESS")
          .element("Days", c.archiveDays())
          .end();
    }
    if (c.deepArchiveDays() != null) {
      xml.start("Tiering")
          .element("AccessTier", "DEEP_ARCHIVE_ACCESS")
          .element("Days", c.deepArchiveDays())
          .end();
    }
  }
}
