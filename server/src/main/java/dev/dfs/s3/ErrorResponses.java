package dev.dfs.s3;

import java.util.Map;

/** Renders an {@link S3Exception} as S3's error document. The only place errors become XML. */
final class ErrorResponses {
  private ErrorResponses() {}

  /**
   * {@code <Error><Code/><Message/>[extra…]<Resource/><RequestId/></Error>}, without namespace, as
   * S3 sends it.
   */
  static XmlOut render(S3Exception e, String resource, String requestId) {
    XmlOut xml =
        XmlOut.plainDocument("Error")
            .element("Code", e.code().code())
            .element("Message", e.getMessage());
    for (Map.Entry<String, String> extra : e.extra().entrySet()) {
      xml.element(extra.getKey(), extra.getValue());
    }
    return xml.element("Resource", resource).element("RequestId", requestId);
  }
}
