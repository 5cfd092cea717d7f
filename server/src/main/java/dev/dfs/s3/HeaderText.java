package dev.dfs.s3;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The text of a request header value whose bytes were not ASCII. Jetty reads header bytes as
 * ISO-8859-1, one character per byte. Clients differ: the Java SDK and botocore send a Latin-1
 * value as its ISO-8859-1 bytes, while the Go and Rust SDKs send UTF-8 bytes, and each signs the
 * characters it meant. So a value whose bytes form valid UTF-8 (with at least one multi-byte
 * sequence) is read as UTF-8, any other as ISO-8859-1 — the reading under which both kinds of
 * client's signatures verify and their metadata is stored as meant. (A Latin-1 value that happens
 * to spell valid UTF-8, such as {@code "Ã¼"}, is read as UTF-8.) Pure and thread-safe.
 */
final class HeaderText {
  private HeaderText() {}

  /** {@code value} as the client meant it; ASCII values come back unchanged. */
  static @Nullable String of(String value) {
    if (value == null) return null;
    boolean high = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) return value; // not one character per byte: already decoded text
      high |= c >= 0x80;
    }
    if (!high) return value;
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return value; // ISO-8859-1 it is
    }
  }
}
