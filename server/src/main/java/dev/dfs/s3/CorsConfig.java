package dev.dfs.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's CORS configuration: rules as S3 defines them, parsed from and written to the {@code
 * CORSConfiguration} document, and the matching S3 applies (first rule whose origin, method and
 * every requested header are allowed). Immutable and thread-safe.
 */
record CorsConfig(List<CorsConfig.Rule> rules) {
  static final int MAX_RULES = 100;
  static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");

  CorsConfig {
    rules = List.copyOf(rules);
  }

  /** One CORSRule; {@code maxAgeSeconds} is null when not set. */
  record Rule(
      @Nullable String id,
      List<String> allowedOrigins,
      List<String> allowedMethods,
      List<String> allowedHeaders,
      List<String> exposeHeaders,
      @Nullable Integer maxAgeSeconds) {
    Rule {
      allowedOrigins = List.copyOf(allowedOrigins);
      allowedMethods = List.copyOf(allowedMethods);
      allowedHeaders = List.copyOf(allowedHeaders);
      exposeHeaders = List.copyOf(exposeHeaders);
    }

    boolean allowsOrigin(String origin) {
      return allowedOrigins.stream().anyMatch(p -> wildcard(p, origin, false));
    }

    boolean allowsHeader(String header) {
      return allowedHeaders.stream().anyMatch(p -> wildcard(p, header, true));
    }

    /** Whether the rule allows any origin, so responses carry {@code *}. */
    boolean anyOrigin() {
      return allowedOrigins.contains("*");
    }
  }

  /** The first rule allowing this origin, method and all of {@code requestHeaders}. */
  Optional<Rule> match(String origin, String method, List<String> requestHeaders) {
    for (Rule r : rules) {
      if (!r.allowsOrigin(origin) || !r.allowedMethods().contains(method)) continue;
      if (requestHeaders.stream().allMatch(r::allowsHeader)) return Optional.of(r);
    }
    return Optional.empty();
  }

  /** Parses a PutBucketCors body. MalformedXML for a wrong shape, InvalidRequest for rules. */
  static CorsConfig parse(byte[] xml) {
    List<Rule> rules = new ArrayList<>();
    XMLStreamReader r = XmlIn.reader(xml);
    try {
      boolean root = false;
      RuleBuilder current = null;
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          if (name.equals("CORSConfiguration")) root = true;
          if (name.equals("CORSRule")) current = new RuleBuilder();
          text.setLength(0);
        } else if (event == XMLStreamConstants.CHARACTERS) {
          text.append(r.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = r.getLocalName();
          String value = text.toString().trim();
          text.setLength(0);
          if (name.equals("CORSRule")) {
            if (current == null) throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            rules.add(current.build());
            current = null;
          } else if (current != null) {
            current.set(name, value);
          }
        }
      }
      if (!root || rules.isEmpty()) throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    } catch (XMLStreamException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    if (rules.size() > MAX_RULES) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "The number of CORS rules should not exceed allowed limit of 100 rules.");
    }
    return new CorsConfig(rules);
  }

  /** The {@code CORSConfiguration} document. */
  XmlOut toXml() {
    XmlOut xml = XmlOut.document("CORSConfiguration");
    for (Rule rule : rules) {
      xml.start("CORSRule").element("ID", rule.id());
      rule.allowedHeaders().forEach(h -> xml.element("AllowedHeader", h));
      rule.allowedMethods().forEach(m -> xml.element("AllowedMethod", m));
      rule.allowedOrigins().forEach(o -> xml.element("AllowedOrigin", o));
      rule.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
      if (rule.maxAgeSeconds() != null) xml.element("MaxAgeSeconds", rule.maxAgeSeconds());
      xml.end();
    }
    return xml;
  }

  /** {@code *} matches any run of characters; at most one is allowed per pattern. */
  static boolean wildcard(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
    int star = p.indexOf('*');
    if (star < 0) return p.equals(v);
    String head = p.substring(0, star);
    String tail = p.substring(star + 1);
    return v.length() >= head.length() + tail.length() && v.startsWith(head) && v.endsWith(tail);
  }

  private static final class RuleBuilder {
    @Nullable String id;
    final List<String> origins = new ArrayList<>();
    final List<String> methods = new ArrayList<>();
    final List<String> headers = new ArrayList<>();
    final List<String> expose = new ArrayList<>();
    @Nullable Integer maxAge;

    void set(String element, String value) {
      switch (element) {
        case "ID" -> id = value;
        case "AllowedOrigin" -> origins.add(oneWildcard(value, "AllowedOrigin"));
        case "AllowedMethod" -> {
          if (!METHODS.contains(value)) {
            throw new S3Exception(
                S3ErrorCode.INVALID_REQUEST,
                "Found unsupported HTTP method in CORS config. Unsupported method is " + value);
          }
          methods.add(value);
        }
        case "AllowedHeader" -> headers.add(oneWildcard(value, "AllowedHeader"));
        case "ExposeHeader" -> expose.add(value);
        case "MaxAgeSeconds" -> {
          try {
            maxAge = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
          }
        }
        default -> {}
      }
    }

    Rule build() {
      if (origins.isEmpty() || methods.isEmpty()) throw new S3Exception(S3ErrorCode.MALFORMED_XML);
      return new Rule(id, origins, methods, headers, expose, maxAge);
    }

    private static String oneWildcard(String value, String element) {
      if (value.indexOf('*') != value.lastIndexOf('*')) {
        throw new S3Exception(
            S3ErrorCode.INVALID_REQUEST,
            element + " \"" + value + "\" can not have more than one wildcard.");
      }
      return value;
    }
  }
}
