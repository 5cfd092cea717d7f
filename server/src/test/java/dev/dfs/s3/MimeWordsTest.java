package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeWordsTest {
  @Test
  void encodedWordsAreDecoded() {
    assertThat(MimeWords.decode("=?UTF-8?B?w7w=?=")).isEqualTo("ü");
    assertThat(MimeWords.decode("=?utf-8?q?caf=C3=A9_au_lait?=")).isEqualTo("café au lait");
    assertThat(MimeWords.decode("=?ISO-8859-1?Q?caf=E9?=")).isEqualTo("café");
    // whitespace between adjacent words goes, text around them stays
    assertThat(MimeWords.decode("x =?UTF-8?B?w7w=?= =?UTF-8?B?w7w=?= y")).isEqualTo("x üü y");
  }

  @Test
  void anythingElseStaysAsSent() {
    assertThat(MimeWords.decode("plain")).isEqualTo("plain");
    assertThat(MimeWords.decode("=?nope?B?w7w=?=")).isEqualTo("=?nope?B?w7w=?=");
    assertThat(MimeWords.decode("=?UTF-8?B?***?=")).isEqualTo("=?UTF-8?B?***?=");
    assertThat(MimeWords.decode("=?UTF-8?Q?=Z1?=")).isEqualTo("=?UTF-8?Q?=Z1?=");
    assertThat(MimeWords.decode("a=?b")).isEqualTo("a=?b");
    assertThat(MimeWords.decode(null)).isNull();
  }

  @Test
  void theWayOutEncodesWhatTheWayInDecodes() {
    for (String v : new String[] {"ü", "café", "日本語", "tab\tok", "line\nbreak"}) {
      assertThat(MimeWords.decode(ObjectHeaders.headerSafe(v))).isEqualTo(v);
    }
  }
}
