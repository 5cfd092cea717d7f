package dev.dfs.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes one S3 XML response document into memory (responses are small: a listing page of 1000 keys
 * is a few hundred KiB). Element text is escaped by the StAX writer. Not thread-safe; one instance
 * per response.
 */
public final class XmlOut {
  /** The namespace of every S3 response document but errors. */
  public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private static final byte[] XML_DECLARATION =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.US_ASCII);

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
  private final XMLStreamWriter writer;

  private XmlOut(String rootElement, boolean withNamespace) {
    try {
      // S3 writes the declaration with double quotes; StAX writers may use single quotes.
      buffer.writeBytes(XML_DECLARATION);
      writer = FACTORY.createXMLStreamWriter(buffer, "UTF-8");
      writer.writeStartElement(rootElement);
      if (withNamespace) {
        writer.writeDefaultNamespace(S3_NAMESPACE);
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts a document whose root element carries the S3 namespace. */
  public static XmlOut document(String rootElement) {
    return new XmlOut(rootElement, true);
  }

  /** Starts a document without namespace (S3's {@code <Error>} documents have none). */
  public static XmlOut plainDocument(String rootElement) {
    return new XmlOut(rootElement, false);
  }

  public XmlOut start(String element) {
    try {
      writer.writeStartElement(element);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  public XmlOut end() {
    try {
      writer.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /**
   * Declares {@code prefix} for {@code uri} on the element opened last and writes the attribute
   * {@code prefix:localName="value"} on it (S3 writes {@code xsi:type} on each Grantee so).
   */
  public XmlOut prefixedAttribute(String prefix, String uri, String localName, String value) {
    try {
      writer.writeNamespace(prefix, uri);
      writer.writeAttribute(prefix, uri, localName, value);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Character data inside the element open last (e.g. a root holding only text). */
  public XmlOut text(String text) {
    try {
      writeText(text);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** {@code <element>text</element>}; a null text writes nothing at all. */
  public XmlOut element(String element, @Nullable String text) {
    if (text == null) return this;
    try {
      writer.writeStartElement(element);
      writeText(text);
      writer.writeEndElement();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /**
   * Writes text, escaping what XML 1.0 cannot hold (control characters such as U+0001 may occur in
   * object keys) as character references, the way S3 does, instead of failing the response. Clients
   * that need strict XML 1.0 ask for {@code encoding-type=url}.
   */
  private void writeText(String text) throws XMLStreamException {
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isXml10(c)) continue;
      if (i > start) writer.writeCharacters(text.substring(start, i));
      writer.writeEntityRef("#x" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT));
      start = i + 1;
    }
    if (start == 0) {
      writer.writeCharacters(text);
    } else if (start < text.length()) {
      writer.writeCharacters(text.substring(start));
    }
  }

  private static boolean isXml10(char c) {
    return c >= 0x20 ? c < 0xFFFE : c == '\t' || c == '\n' || c == '\r';
  }

  public XmlOut element(String element, long value) {
    return element(element, Long.toString(value));
  }

  public XmlOut element(String element, boolean value) {
    return element(element, Boolean.toString(value));
  }

  /** An instant as S3 writes it in XML: ISO-8601 UTC with milliseconds. */
  public XmlOut element(String element, @Nullable Instant time) {
    return time == null ? this : element(element, isoMillis(time));
  }

  /** {@code 2006-02-03T16:45:09.000Z}. */
  public static String isoMillis(Instant time) {
    String s = time.truncatedTo(ChronoUnit.MILLIS).toString();
    // Instant.toString omits zero millis; S3 always writes three digits.
    if (s.length() == 20) return s.substring(0, 19) + ".000Z";
    return s;
  }

  /** Ends all open elements and the document; returns the UTF-8 bytes. */
  public byte[] toBytes() {
    try {
      writer.writeEndDocument();
      writer.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return buffer.toByteArray();
  }

  @Override
  public String toString() {
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
