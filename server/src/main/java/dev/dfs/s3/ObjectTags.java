package dev.dfs.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Object tag sets as S3 exchanges them: the {@code x-amz-tagging} header (URL-query form, {@code
 * k1=v1&k2=v2}) and the {@code <Tagging><TagSet><Tag>} document, with S3's limits: at most 10 tags,
 * keys of 1 to 128 and values of up to 256 Unicode characters, keys unique, no {@code aws:} prefix.
 * Violations are {@code InvalidTag} (400). Pure and thread-safe.
 */
final class ObjectTags {
  static final int MAX_TAGS = 10;

  /** S3 allows more tags on a bucket than on an object. */
  static final int MAX_BUCKET_TAGS = 50;

  static final int MAX_KEY_CHARS = 128;
  static final int MAX_VALUE_CHARS = 256;

  private ObjectTags() {}

  /** Parses {@code x-amz-tagging}; null or empty is no tags. */
  static Map<String, String> fromHeader(@Nullable String header) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (header == null || header.isBlank()) return tags;
    for (String pair : header.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String key = formDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
      add(tags, key, value);
    }
    return validate(tags);
  }

  /** Parses a PutObjectTagging body. MalformedXML for a wrong shape, InvalidTag for limits. */
  static Map<String, String> fromXml(byte[] xml) {
    return fromXml(xml, MAX_TAGS);
  }

  /** Parses a Tagging document allowing at most {@code maxTags} tags. */
  static Map<String, String> fromXml(byte[] xml, int maxTags) {
    Map<String, String> tags = new LinkedHashMap<>();
    XMLStreamReader r = XmlIn.reader(xml);
    try {
      String key = null;
      String value = null;
      boolean sawTagging = false;
      String text = null;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          if (name.equals("Tagging")) sawTagging = true;
          if (name.equals("Tag")) {
            key = null;
            value = null;
          }
          text = null;
        } else if (event == XMLStreamConstants.CHARACTERS) {
          text = text == null ? r.getText() : text + r.getText();
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          switch (r.getLocalName()) {
            case "Key" -> key = text == null ? "" : text;
            case "Value" -> value = text == null ? "" : text;
            case "Tag" -> {
              if (key == null) throw new S3Exception(S3ErrorCode.MALFORMED_XML);
              add(tags, key, value == null ? "" : value);
            }
            default -> {}
          }
          text = null;
        }
      }
      if (!sawTagging) throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    } catch (XMLStreamException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    return validate(tags, maxTags);
  }

  /** {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>}. */
  static XmlOut toXml(Map<String, String> tags) {
    XmlOut xml = XmlOut.document("Tagging").start("TagSet");
    tags.forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
    return xml.end();
  }

  private static void add(Map<String, String> tags, String key, String value) {
    if (tags.put(key, value) != null) {
      throw invalid("Cannot provide multiple Tags with the same key");
    }
  }

  private static Map<String, String> validate(Map<String, String> tags) {
    return validate(tags, MAX_TAGS);
  }

  private static Map<String, String> validate(Map<String, String> tags, int maxTags) {
    if (tags.size() > maxTags) {
      throw invalid(
          (maxTags == MAX_TAGS ? "Object" : "Bucket") + " tags cannot be greater than " + maxTags);
    }
    for (Map.Entry<String, String> e : tags.entrySet()) {
      String k = e.getKey();
      if (k.isEmpty() || k.codePointCount(0, k.length()) > MAX_KEY_CHARS) {
        throw invalid("The TagKey you have provided is invalid");
      }
      if (k.startsWith("aws:")) throw invalid("Your TagKey cannot be prefixed with aws:");
      String v = e.getValue();
      if (v.codePointCount(0, v.length()) > MAX_VALUE_CHARS) {
        throw invalid("The TagValue you have provided is invalid");
      }
    }
    return tags;
  }

  private static S3Exception invalid(String message) {
    return new S3Exception(S3ErrorCode.INVALID_TAG, message);
  }

  private static String formDecode(String s) {
    return UriCodec.percentDecode(s.replace('+', ' '));
  }
}
