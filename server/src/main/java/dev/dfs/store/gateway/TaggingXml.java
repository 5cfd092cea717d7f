package dev.dfs.store.gateway;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The bucket configuration document {@code tagging} (a {@code Tagging} XML string, as the S3 layer
 * stores a bucket's tag set) to and from the SDK's {@link Tag}s, so the gateway keeps a bucket's
 * tags on the upstream with Get/Put/DeleteBucketTagging. The S3 layer validated the document;
 * reading here only maps elements. Stateless, thread-safe.
 */
final class TaggingXml {
  static final String NAME = "tagging";

  private TaggingXml() {}

  /** The tags of a {@code Tagging} document. INVALID_ARGUMENT if it is not one. */
  static List<Tag> parse(String document) {
    List<Tag> tags = new ArrayList<>();
    try {
      XMLStreamReader r = GatewayXml.reader(document);
      String key = null;
      String value = null;
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          text.setLength(0);
          if (r.getLocalName().equals("Tag")) {
            key = null;
            value = "";
          }
        } else if (event == XMLStreamConstants.CHARACTERS) {
          text.append(r.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          switch (r.getLocalName()) {
            case "Key" -> key = text.toString();
            case "Value" -> value = text.toString();
            case "Tag" -> tags.add(Tag.builder().key(key).value(value).build());
            default -> {}
          }
          text.setLength(0);
        }
      }
    } catch (XMLStreamException e) {
      throw new StoreException(StoreError.INVALID_ARGUMENT, "not a Tagging document");
    }
    return tags;
  }

  /** A {@code Tagging} document with {@code tags}. */
  static String write(List<Tag> tags) {
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter w = GatewayXml.OUT.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("Tagging");
      w.writeDefaultNamespace(GatewayXml.NAMESPACE);
      w.writeStartElement("TagSet");
      for (Tag t : tags) {
        w.writeStartElement("Tag");
        element(w, "Key", t.key());
        element(w, "Value", t.value() == null ? "" : t.value());
        w.writeEndElement();
      }
      w.writeEndDocument();
      w.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }
}
