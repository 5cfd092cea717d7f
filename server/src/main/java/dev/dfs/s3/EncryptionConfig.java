package dev.dfs.s3;

import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A bucket's default encryption ({@code ServerSideEncryptionConfiguration}): one rule whose
 * {@code ApplyServerSideEncryptionByDefault/SSEAlgorithm} is {@code AES256} (SSE-S3), and the
 * {@code BucketKeyEnabled} flag, which is accepted and echoed (it only saves KMS calls, and DFS
 * has no KMS). {@code aws:kms} and {@code aws:kms:dsse} are NotImplemented. Immutable.
 *
 * @param bucketKeyEnabled null when the document did not say
 */
record EncryptionConfig(String algorithm, Boolean bucketKeyEnabled) {
  static final String AES256 = "AES256";

  /** Parses a PutBucketEncryption body: MalformedXML for a wrong shape. */
  static EncryptionConfig parse(byte[] xml) {
    XMLStreamReader r = XmlIn.reader(xml);
    String algorithm = null;
    Boolean bucketKey = null;
    boolean root = false;
    int rules = 0;
    try {
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = r.getLocalName();
          if (name.equals("ServerSideEncryptionConfiguration")) root = true;
          if (name.equals("Rule")) rules++;
          text.setLength(0);
        } else if (event == XMLStreamConstants.CHARACTERS) {
          text.append(r.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String value = text.toString().trim();
          text.setLength(0);
          switch (r.getLocalName()) {
            case "SSEAlgorithm" -> algorithm = value;
            case "BucketKeyEnabled" -> bucketKey = switch (value.toLowerCase(Locale.ROOT)) {
              case "true" -> true;
              case "false" -> false;
              default -> throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            };
            default -> { }
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    if (!root || rules != 1 || algorithm == null) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    if (algorithm.startsWith("aws:kms")) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "DFS does not implement SSE-KMS ("
          + algorithm + "); use SSEAlgorithm AES256 (SSE-S3).");
    }
    if (!algorithm.equals(AES256)) {
      throw S3Exception.invalidArgument("The encryption method specified is not supported",
          "SSEAlgorithm", algorithm);
    }
    return new EncryptionConfig(algorithm, bucketKey);
  }

  /** The stored and returned document. */
  XmlOut toXml() {
    XmlOut xml = XmlOut.document("ServerSideEncryptionConfiguration").start("Rule")
        .start("ApplyServerSideEncryptionByDefault").element("SSEAlgorithm", algorithm).end();
    if (bucketKeyEnabled != null) xml.element("BucketKeyEnabled", bucketKeyEnabled);
    return xml.end();
  }
}
