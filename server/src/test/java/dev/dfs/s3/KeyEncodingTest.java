package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyEncodingTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "plain.txt|plain.txt",
        "a b.txt|a%20b.txt",
        "a+b.txt|a%2Bb.txt",
        "100%.csv|100%25.csv",
        "dir/sub/file|dir/sub/file",
        "~_-.|~_-.",
        "한글/x.txt|%ED%95%9C%EA%B8%80/x.txt",
        "ü|%C3%BC",
        "a&b<c>\"'|a%26b%3Cc%3E%22%27",
        "x=1:2?#|x%3D1%3A2%3F%23",
        "😀|%F0%9F%98%80",
      })
  void encodesAsS3Does(String raw, String encoded) {
    assertThat(KeyEncoding.urlEncode(raw)).isEqualTo(encoded);
  }

  @org.junit.jupiter.api.Test
  void controlCharactersBecomeEscapes() {
    assertThat(KeyEncoding.urlEncode("a\u0001b\nc\u007f")).isEqualTo("a%01b%0Ac%7F");
  }

  @org.junit.jupiter.api.Test
  void nullStaysNullAndEmptyStaysEmpty() {
    assertThat(KeyEncoding.maybe(true, null)).isNull(); // urlEncode takes no null since NullAway
    assertThat(KeyEncoding.urlEncode("")).isEmpty();
  }

  @Property
  void formDecodingGivesTheKeyBack(@ForAll String key) {
    String wellFormed = new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    String encoded = KeyEncoding.urlEncode(wellFormed);
    assertThat(encoded).matches("[A-Za-z0-9\\-_.~/%]*");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(wellFormed);
  }

  /** botocore decodes with unquote, not unquote_plus: a plain percent-decode must also work. */
  @Property
  void percentDecodingGivesTheKeyBack(@ForAll String key) {
    String wellFormed = new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThat(UriCodec.percentDecode(KeyEncoding.urlEncode(wellFormed))).isEqualTo(wellFormed);
  }
}
