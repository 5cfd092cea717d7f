package dev.dfs.store.gateway;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The StAX factories the gateway's document converters ({@link CorsXml}, {@link TaggingXml}) share:
 * reading without DTDs or external entities, writing in the S3 namespace. Configured once;
 * thread-safe afterwards.
 */
final class GatewayXml {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();
  private static final XMLInputFactory IN = XMLInputFactory.newFactory();

  static {
    IN.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    IN.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    IN.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
  }

  private GatewayXml() {}

  static XMLStreamReader reader(String document) throws XMLStreamException {
    return IN.createXMLStreamReader(new StringReader(document));
  }
}
