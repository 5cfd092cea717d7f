package dev.dfs.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * RFC 2047 encoded words in user metadata values, as S3 treats them: a value sent as encoded words
 * ({@code =?UTF-8?B?w7w=?=}, {@code =?ISO-8859-1?Q?caf=E9?=}) is decoded before it is stored
 * (whitespace between adjacent words dropped, as RFC 2047 says); anything that is not a well-formed
 * word of a known charset stays as sent. The way out is {@link ObjectHeaders#headerSafe}. Pure and
 * thread-safe.
 */
final class MimeWords {
  private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
  private static final Pattern BETWEEN_WORDS = Pattern.compile("\\?=\\s+=\\?");

  private MimeWords() {}

  /** {@code value} with its encoded words decoded; unchanged when it holds none. */
  static @Nullable String decode(@Nullable String value) {
    if (value == null || !value.contains("=?")) return value;
    String joined = BETWEEN_WORDS.matcher(value).replaceAll("?==?");
    Matcher m = WORD.matcher(joined);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String word = decodeWord(m.group(1), m.group(2), m.group(3));
      if (word == null) continue; // not a word we can read: leave it as sent
      out.append(joined, last, m.start()).append(word);
      last = m.end();
    }
    if (last == 0) return value;
    return out.append(joined, last, joined.length()).toString();
  }

  private static @Nullable String decodeWord(String charsetName, String encoding, String text) {
    Charset charset;
    try {
      charset = Charset.forName(charsetName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null; // unknown or illegal charset name
    }
    byte[] bytes = encoding.equalsIgnoreCase("B") ? base64(text) : quotedPrintable(text);
    return bytes == null ? null : new String(bytes, charset);
  }

  private static byte @Nullable [] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The "Q" encoding: {@code _} is a space, {@code =XX} a byte. */
  private static byte @Nullable [] quotedPrintable(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=') {
        if (i + 2 >= text.length()) return null;
        int hi = hex(text.charAt(i + 1));
        int lo = hex(text.charAt(i + 2));
        if (hi < 0 || lo < 0) return null;
        out.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        return null;
      }
    }
    return out.toByteArray();
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
