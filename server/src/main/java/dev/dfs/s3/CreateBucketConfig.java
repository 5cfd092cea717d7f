package dev.dfs.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * The optional CreateBucket body, {@code <CreateBucketConfiguration><LocationConstraint>…}, and the
 * check of its region against the one DFS serves. Pure and thread-safe.
 */
final class CreateBucketConfig {
  private CreateBucketConfig() {}

  /**
   * Reads the body and returns its {@code LocationConstraint}: null for an empty body or a
   * configuration without one. Other elements (e.g. {@code Bucket}, {@code Location} of directory
   * buckets) are ignored.
   *
   * @throws S3Exception MalformedXML for anything but a well-formed {@code
   *     CreateBucketConfiguration} document
   */
  static @Nullable String locationConstraint(InputStream body) throws IOException {
    byte[] bytes = XmlIn.readBody(body);
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) return null;
    return locationConstraint(bytes);
  }

  static @Nullable String locationConstraint(byte[] xml) {
    XMLStreamReader r = XmlIn.reader(xml);
    try {
      r.nextTag();
      if (!"CreateBucketConfiguration".equals(r.getLocalName())) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML);
      }
      String constraint = null;
      int depth = 1;
      while (depth > 0) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          if (depth == 1 && "LocationConstraint".equals(r.getLocalName())) {
            constraint = r.getElementText().trim();
          } else {
            depth++;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
      while (r.hasNext()) r.next(); // a second root or trailing garbage is malformed
      return constraint;
    } catch (XMLStreamException | IllegalStateException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
  }

  /**
   * Accepts no constraint (the bucket goes to DFS's region), DFS's own region, and {@code EU} as
   * S3's old name of eu-west-1. Any other region is S3's 400 IllegalLocationConstraintException,
   * the answer of a regional endpoint asked for another region. (S3 itself refuses an explicit
   * {@code us-east-1}; DFS accepts it, since some clients always send their region.)
   */
  static void checkRegion(@Nullable String constraint, String region) {
    if (constraint == null || constraint.isEmpty() || constraint.equals(region)) return;
    if (constraint.equals("EU") && region.equals("eu-west-1")) return;
    throw new S3Exception(
        S3ErrorCode.ILLEGAL_LOCATION_CONSTRAINT,
        "The "
            + constraint
            + " location constraint is incompatible for the region specific"
            + " endpoint this request was sent to.",
        java.util.Map.of("LocationConstraint", constraint));
  }
}
