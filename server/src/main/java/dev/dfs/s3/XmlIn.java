package dev.dfs.s3;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Safe StAX parsing of request bodies: no DTDs, no external entities, bounded size. Malformed input
 * becomes {@link S3ErrorCode#MALFORMED_XML}. Thread-safe (the factory is configured once and only
 * read afterwards).
 */
public final class XmlIn {
  /** Largest XML request body accepted (S3 limits DeleteObjects to 1000 keys, about 1 MiB+). */
  public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

  private static final XMLInputFactory FACTORY = newFactory();

  private XmlIn() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  /**
   * Reads a whole request body (at most {@link #MAX_BODY_BYTES}) and opens a reader on it. Throws
   * MalformedXML for an over-long body.
   */
  public static byte[] readBody(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "The XML you provided was too large.");
    }
    return bytes;
  }

  /** A reader over {@code xml}; the caller walks it with local names (namespace ignored). */
  public static XMLStreamReader reader(byte[] xml) {
    try {
      return FACTORY.createXMLStreamReader(new java.io.ByteArrayInputStream(xml));
    } catch (XMLStreamException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
  }
}
