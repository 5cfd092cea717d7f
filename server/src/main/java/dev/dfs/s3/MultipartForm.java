package dev.dfs.s3;

import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A streaming reader of a {@code multipart/form-data} body (RFC 7578) as browsers send it for S3
 * POST uploads: parts are visited in order, small field values read whole, and the file part
 * streamed without being held in memory. Not thread-safe; one reader per request.
 */
final class MultipartForm {
  /** Largest header block of one part. */
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  /** One part's headers. {@code filename} is null for plain fields. */
  record Part(String name, @Nullable String filename, @Nullable String contentType) {}

  private final InputStream in;
  private final byte[] delimiter; // CRLF "--" boundary
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean inPart;
  private boolean finished;

  MultipartForm(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The boundary of a {@code multipart/form-data} Content-Type, or null. */
  static @Nullable String boundary(String contentType) {
    if (contentType == null) return null;
    String lower = contentType.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("multipart/form-data")) return null;
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring(9).trim();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\""))
          b = b.substring(1, b.length() - 1);
        return b.isEmpty() || b.length() > 200 ? null : b;
      }
    }
    return null;
  }

  /** Advances to the next part; null after the last one. Skips what is left of the current. */
  @Nullable Part next() throws IOException {
    if (finished) return null;
    if (inPart) {
      InputStream rest = body();
      byte[] sink = new byte[8192];
      while (rest.read(sink) >= 0) {
        // skip the unread remainder of the current part
      }
    } else if (pos == 0 && limit == 0) {
      // The body starts with "--boundary" (no CRLF before the first delimiter).
      fill(delimiter.length);
      if (!startsWith(delimiter, 2)) throw malformed();
      pos += delimiter.length - 2;
    }
    // After a delimiter: "--" ends the form, CRLF starts a part.
    fill(2);
    if (limit - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
      finished = true;
      return null;
    }
    String headerBlock = readHeaders();
    inPart = true;
    return parsePart(headerBlock);
  }

  /** The current part's bytes, ending where the next delimiter starts. */
  InputStream body() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return SingleByteRead.of(this);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (!inPart) return -1;
        if (len == 0) return 0;
        fill(delimiter.length + 1);
        int found = indexOf(delimiter);
        int available;
        if (found >= 0) {
          available = found - pos;
          if (available == 0) {
            pos += delimiter.length;
            inPart = false;
            return -1;
          }
        } else {
          if (eof && limit - pos < delimiter.length) throw malformed();
          available = Math.max(0, limit - pos - delimiter.length + 1);
          if (available == 0) throw malformed();
        }
        int n = Math.min(len, available);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  /** Reads the current part whole as UTF-8; more than {@code max} bytes is an error. */
  String value(int max) throws IOException {
    byte[] bytes = body().readNBytes(max + 1);
    if (bytes.length > max) {
      throw S3Exception.invalidArgument("A form field is too large.", "form-field", null);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private String readHeaders() throws IOException {
    // Expect CRLF after the delimiter, then headers up to CRLFCRLF.
    fill(2);
    if (limit - pos < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') throw malformed();
    pos += 2;
    StringBuilder headers = new StringBuilder();
    while (true) {
      fill(4);
      if (limit - pos >= 2 && buf[pos] == '\r' && buf[pos + 1] == '\n') {
        pos += 2;
        return headers.toString();
      }
      int lineEnd = -1;
      for (int i = pos; i + 1 < limit; i++) {
        if (buf[i] == '\r' && buf[i + 1] == '\n') {
          lineEnd = i;
          break;
        }
      }
      if (lineEnd < 0) {
        if (eof || limit - pos >= buf.length / 2) throw malformed();
        fill(limit - pos + 1);
        continue;
      }
      headers.append(new String(buf, pos, lineEnd - pos, StandardCharsets.UTF_8)).append('\n');
      pos = lineEnd + 2;
      if (headers.length() > MAX_HEADER_BYTES) throw malformed();
    }
  }

  private static Part parsePart(String headerBlock) {
    String name = null;
    String filename = null;
    String contentType = null;
    for (String line : headerBlock.split("\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) continue;
      String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (header.equals("content-type")) contentType = value;
      if (header.equals("content-disposition")) {
        name = param(value, "name");
        filename = param(value, "filename");
      }
    }
    if (name == null) throw malformed();
    return new Part(name, filename, contentType);
  }

  /** A parameter of a Content-Disposition value, quoted or not. */
  private static @Nullable String param(String disposition, String wanted) {
    Map<String, String> params = new LinkedHashMap<>();
    int i = disposition.indexOf(';');
    while (i >= 0 && i < disposition.length()) {
      int eq = disposition.indexOf('=', i);
      if (eq < 0) break;
      String key = disposition.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
      int start = eq + 1;
      String value;
      int next;
      if (start < disposition.length() && disposition.charAt(start) == '"') {
        int close = disposition.indexOf('"', start + 1);
        if (close < 0) break;
        value = disposition.substring(start + 1, close);
        next = disposition.indexOf(';', close);
      } else {
        next = disposition.indexOf(';', start);
        value =
            (next < 0 ? disposition.substring(start) : disposition.substring(start, next)).trim();
      }
      params.putIfAbsent(key, value);
      i = next;
    }
    return params.get(wanted);
  }

  /** Makes at least {@code want} bytes available from {@code pos} unless the stream ends. */
  private void fill(int want) throws IOException {
    if (limit - pos >= want || eof) return;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit < want && limit < buf.length) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
        return;
      }
      limit += n;
    }
  }

  private boolean startsWith(byte[] pattern, int from) {
    if (limit - pos < pattern.length - from) return false;
    for (int i = from; i < pattern.length; i++) {
      if (buf[pos + i - from] != pattern[i]) return false;
    }
    return true;
  }

  private int indexOf(byte[] pattern) {
    outer:
    for (int i = pos; i <= limit - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (buf[i + j] != pattern[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  private static S3Exception malformed() {
    return new S3Exception(S3ErrorCode.MALFORMED_POST_REQUEST);
  }
}
