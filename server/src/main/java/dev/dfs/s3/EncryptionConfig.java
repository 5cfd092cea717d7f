package dev.dfs.s3;

import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's default encryption ({@code ServerSideEncryptionConfiguration}): one rule whose {@code
 * ApplyServerSideEncryptionByDefault/SSEAlgorithm} is {@code AES256} (SSE-S3), {@code aws:kms} or
 * {@code aws:kms:dsse} (SSE-KMS, with an optional {@code KMSMasterKeyID}: a key id, ARN or alias;
 * the default key when absent), and the {@code BucketKeyEnabled} flag, which is kept and echoed (in
 * AWS it only saves KMS calls; DFS's key service is local). Immutable.
 *
 * @param kmsKeyId {@code KMSMasterKeyID}, or null (only with a KMS algorithm)
 * @param bucketKeyEnabled null when the document did not say
 */
record EncryptionConfig(
    String algorithm, @Nullable String kmsKeyId, @Nullable Boolean bucketKeyEnabled) {
  static final String AES256 = "AES256";

  /** Parses a PutBucketEncryption body: MalformedXML for a wrong shape. */
  static EncryptionConfig parse(byte[] xml) {
    XMLStreamReader r = XmlIn.reader(xml);
    String algorithm = null;
    String kmsKeyId = null;
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
            case "KMSMasterKeyID" -> kmsKeyId = value;
            case "BucketKeyEnabled" ->
                bucketKey =
                    switch (value.toLowerCase(Locale.ROOT)) {
                      case "true" -> true;
                      case "false" -> false;
                      default -> throw new S3Exception(S3ErrorCode.MALFORMED_XML);
                    };
            default -> {}
          }
        }
      }
    } catch (XMLStreamException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    if (!root || rules != 1 || algorithm == null) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    boolean kms = algorithm.equals(SseHeaders.KMS) || algorithm.equals(SseHeaders.KMS_DSSE);
    if (!kms && !algorithm.equals(AES256)) {
      throw S3Exception.invalidArgument(
          "The encryption method specified is not supported", "SSEAlgorithm", algorithm);
    }
    if (kmsKeyId != null && (!kms || kmsKeyId.isEmpty())) {
      throw S3Exception.invalidArgument(
          kms
              ? "KMS key ID is empty"
              : "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or"
                  + " aws:kms:dsse",
          "ApplyServerSideEncryptionByDefault",
          null);
    }
    return new EncryptionConfig(algorithm, kmsKeyId, bucketKey);
  }

  /** Whether new objects get SSE-KMS. */
  boolean kms() {
    return !algorithm.equals(AES256);
  }

  /** The stored and returned document. */
  XmlOut toXml() {
    XmlOut xml =
        XmlOut.document("ServerSideEncryptionConfiguration")
            .start("Rule")
            .start("ApplyServerSideEncryptionByDefault")
            .element("SSEAlgorithm", algorithm);
    if (kmsKeyId != null) xml.element("KMSMasterKeyID", kmsKeyId);
    xml.end();
    if (bucketKeyEnabled != null) xml.element("BucketKeyEnabled", bucketKeyEnabled);
    return xml.end();
  }
}
