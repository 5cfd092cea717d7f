package dev.dfs.store.gateway;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * The bucket configuration document {@code cors} (a {@code CORSConfiguration} XML string, as the S3
 * layer stores it) to and from the SDK's {@link CORSRule}s, so the gateway keeps a bucket's CORS
 * rules on the upstream with Get/Put/DeleteBucketCors. The S3 layer validated the document before
 * storing it, so reading here only maps elements; the written document has the shape the S3 layer
 * parses (elements by local name, S3 namespace). Stateless, thread-safe.
 */
final class CorsXml {
  static final String NAME = "cors";

  private CorsXml() {}

  /** The rules of a {@code CORSConfiguration} document. INVALID_ARGUMENT if it is not one. */
  static List<CORSRule> parse(String document) {
    List<CORSRule> rules = new ArrayList<>();
    try {
      XMLStreamReader r = GatewayXml.reader(document);
      Rule current = null;
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          if (r.getLocalName().equals("CORSRule")) current = new Rule();
          text.setLength(0);
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          text.append(r.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String name = r.getLocalName();
          String value = text.toString().trim();
          text.setLength(0);
          if (name.equals("CORSRule") && current != null) {
            rules.add(current.build());
            current = null;
          } else if (current != null) {
            current.set(name, value);
          }
        }
      }
      r.close();
    } catch (XMLStreamException | NumberFormatException e) {
      throw new StoreException(
          StoreError.INVALID_ARGUMENT, "not a CORSConfiguration document: " + e.getMessage());
    }
    return rules;
  }

  /** The {@code CORSConfiguration} document of {@code rules}. */
  static String write(List<CORSRule> rules) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = GatewayXml.OUT.createXMLStreamWriter(buffer, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("CORSConfiguration");
      w.writeDefaultNamespace(GatewayXml.NAMESPACE);
      for (CORSRule rule : rules) {
        w.writeStartElement("CORSRule");
        element(w, "ID", rule.id());
        for (String h : rule.allowedHeaders()) element(w, "AllowedHeader", h);
        for (String m : rule.allowedMethods()) element(w, "AllowedMethod", m);
        for (String o : rule.allowedOrigins()) element(w, "AllowedOrigin", o);
        for (String h : rule.exposeHeaders()) element(w, "ExposeHeader", h);
        if (rule.maxAgeSeconds() != null) {
          element(w, "MaxAgeSeconds", Integer.toString(rule.maxAgeSeconds()));
        }
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static void element(XMLStreamWriter w, String name, String value)
      throws XMLStreamException {
    if (value == null) return;
    w.writeStartElement(name);
    w.writeCharacters(value);
    w.writeEndElement();
  }

  private static final class Rule {
    private final CORSRule.Builder b = CORSRule.builder();
    private final List<String> origins = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private final List<String> expose = new ArrayList<>();

    void set(String element, String value) {
      switch (element) {
        case "ID" -> b.id(value);
        case "AllowedOrigin" -> origins.add(value);
        case "AllowedMethod" -> methods.add(value);
        case "AllowedHeader" -> headers.add(value);
        case "ExposeHeader" -> expose.add(value);
        case "MaxAgeSeconds" -> b.maxAgeSeconds(Integer.parseInt(value));
        default -> {}
      }
    }

    CORSRule build() {
      return b.allowedOrigins(origins)
          .allowedMethods(methods)
          .allowedHeaders(headers.isEmpty() ? null : headers)
          .exposeHeaders(expose.isEmpty() ? null : expose)
          .build();
    }
  }
}
