package dev.dfs.s3;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Small steps for walking a request document with a StAX reader by local names (the S3 namespace is
 * optional in requests). Each step turns malformed XML into MalformedXML.
 */
final class XmlWalk {
  private final XMLStreamReader reader;

  private XmlWalk(XMLStreamReader reader) {
    this.reader = reader;
  }

  /** Opens {@code xml} and moves to its root element, which must be named {@code rootName}. */
  static XmlWalk open(byte[] xml, String rootName) {
    if (xml.length == 0) throw malformed();
    XmlWalk walk = new XmlWalk(XmlIn.reader(xml));
    try {
      while (walk.reader.hasNext()) {
        if (walk.reader.next() == XMLStreamConstants.START_ELEMENT) {
          if (!walk.reader.getLocalName().equals(rootName)) throw malformed();
          return walk;
        }
      }
    } catch (XMLStreamException e) {
      throw malformed();
    }
    throw malformed();
  }

  /**
   * Moves to the next child element of the current one and returns true, or returns false at the
   * current element's end. Call after {@link #open}, after a child was read with {@link #text} or
   * {@link #skip}, or right after entering a child to walk its children.
   */
  boolean nextChild() {
    try {
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) return true;
        if (event == XMLStreamConstants.END_ELEMENT) return false;
      }
    } catch (XMLStreamException e) {
      throw malformed();
    }
    throw malformed();
  }

  /** The local name of the element the walk stands on. */
  String name() {
    return reader.getLocalName();
  }

  /**
   * The value of the current element's attribute {@code localName} in namespace {@code
   * namespaceUri}; when absent there, of an attribute with that local name in any namespace; else
   * null.
   */
  @Nullable String attribute(String namespaceUri, String localName) {
    String v = reader.getAttributeValue(namespaceUri, localName);
    if (v != null) return v;
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      if (reader.getAttributeLocalName(i).equals(localName)) return reader.getAttributeValue(i);
    }
    return null;
  }

  /** The text of the current element (which must have no child elements), as written. */
  String text() {
    try {
      return reader.getElementText();
    } catch (XMLStreamException e) {
      throw malformed();
    }
  }

  /** Skips the current element and everything in it. */
  void skip() {
    int depth = 1;
    try {
      while (depth > 0 && reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) depth++;
        if (event == XMLStreamConstants.END_ELEMENT) depth--;
      }
    } catch (XMLStreamException e) {
      throw malformed();
    }
    if (depth > 0) throw malformed();
  }

  /** Reads the rest of the document so that trailing garbage is caught. */
  void finish() {
    try {
      while (reader.hasNext()) reader.next();
    } catch (XMLStreamException e) {
      throw malformed();
    }
  }

  static S3Exception malformed() {
    return new S3Exception(S3ErrorCode.MALFORMED_XML);
  }
}
