package dev.dfs.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One hostile request under construction and its wire form. Headers keep their order and may
 * repeat; {@link #sign} adds a valid SigV4 signature over the method, request-target and the
 * well-formed {@code x-amz-*} headers so that the request reaches the S3 handlers.
 */
final class FuzzRequest {
  final String family;
  String method;
  String target;
  final List<String[]> headers = new ArrayList<>();
  byte[] body = new byte[0];

  /** Send the Content-Length header computed from the body (off for Content-Length lies). */
  boolean contentLength = true;

  /** Shut the write side after sending: the framing is broken, the connection is not reused. */
  boolean endOutput;

  /** Raw bytes to send instead of the built request (garbage on the wire). */
  byte[] raw;

  /** An XML entity bomb or external entity: must be refused with a 4xx. */
  boolean bomb;

  FuzzRequest(String family, String method, String target) {
    this.family = family;
    this.method = method;
    this.target = target;
  }

  FuzzRequest header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  FuzzRequest body(byte[] b) {
    body = b;
    return this;
  }

  FuzzRequest body(String s) {
    return body(s.getBytes(StandardCharsets.UTF_8));
  }

  boolean isHead() {
    return raw == null && "HEAD".equals(method);
  }

  /** Signs with {@code payloadHash} (a hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-* value). */
  FuzzRequest sign(TestSigner signer, String host, String payloadHash) {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    Map<String, String> signed = new LinkedHashMap<>();
    for (String[] h : headers) {
      String n = h[0].toLowerCase(Locale.ROOT);
      if ((n.startsWith("x-amz-") || n.equals("content-md5") || n.equals("content-type"))
          && canonical(h[1])
          && !signed.containsKey(n)
          && !n.equals("x-amz-date")
          && !n.equals("x-amz-content-sha256")) {
        signed.put(n, h[1]);
      }
    }
    for (Map.Entry<String, String> e :
        signer.sign(method, host, path, query, signed, payloadHash).entrySet()) {
      headers.add(new String[] {e.getKey(), e.getValue()});
    }
    return this;
  }

  /** Whether a value signs as itself: printable ASCII, no padding, no runs of spaces. */
  private static boolean canonical(String v) {
    if (v.isEmpty()
        || v.length() > 4096
        || v.startsWith(" ")
        || v.endsWith(" ")
        || v.contains("  ")) return false;
    return v.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  byte[] wire(String host) {
    if (raw != null) return raw;
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append("\r\n");
    for (String[] h : headers) head.append(h[0]).append(": ").append(h[1]).append("\r\n");
    if (contentLength && (body.length > 0 || method.equals("PUT") || method.equals("POST"))) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The request line and headers, shortened, for a failure message that lets one replay it. */
  String describe(String host) {
    String s = new String(wire(host), StandardCharsets.ISO_8859_1);
    return family
        + ": "
        + (s.length() > 600 ? s.substring(0, 600) + "...(" + s.length() + " bytes)" : s);
  }
}
