package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.lifecycle.IntelligentTieringConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IntelligentTieringConfiguration documents: round trips and S3's refusals. */
class IntelligentTieringXmlTest {
  static IntelligentTieringConfiguration parse(String xml) {
    return IntelligentTieringXml.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  static String doc(String inner) {
    return "<IntelligentTieringConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + inner
        + "</IntelligentTieringConfiguration>";
  }

  static final String TIERS =
      "<Tiering><AccessTier>ARCHIVE_ACCESS</AccessTier><Days>90</Days>"
          + "</Tiering><Tiering><AccessTier>DEEP_ARCHIVE_ACCESS</AccessTier><Days>180</Days></Tiering>";

  @Test
  void aFullDocumentRoundTrips() {
    IntelligentTieringConfiguration c =
        parse(
            doc(
                "<Id>logs-1</Id><Filter><And>"
                    + "<Prefix>logs/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter>"
                    + "<Status>Enabled</Status>"
                    + TIERS));
    assertThat(c.id()).isEqualTo("logs-1");
    assertThat(c.enabled()).isTrue();
    assertThat(c.filter().prefix()).isEqualTo("logs/");
    assertThat(c.filter().tags()).containsEntry("k", "v");
    assertThat(c.archiveDays()).isEqualTo(90);
    assertThat(c.deepArchiveDays()).isEqualTo(180);
    assertThat(parse(new String(IntelligentTieringXml.render(c).toBytes(), StandardCharsets.UTF_8)))
        .isEqualTo(c);
    byte[] stored = IntelligentTieringXml.renderStored(List.of(c, c)).toBytes();
    assertThat(IntelligentTieringXml.parseStored(stored)).containsExactly(c, c);
  }

  @Test
  void wrongShapesAreMalformedAndOutOfRangeDaysInvalid() {
    for (String bad :
        List.of(
            doc("<Status>Enabled</Status>" + TIERS), // no Id
            doc("<Id>a</Id>" + TIERS), // no Status
            doc("<Id>a</Id><Status>Enabled</Status>"), // no Tiering
            doc("<Id>a</Id><Status>On</Status>" + TIERS),
            doc(
                "<Id>a</Id><Status>Enabled</Status><Tiering><AccessTier>FREQUENT</AccessTier>"
                    + "<Days>90</Days></Tiering>"),
            doc(
                "<Id>a</Id><Filter><ObjectSizeLessThan>5</ObjectSizeLessThan></Filter>"
                    + "<Status>Enabled</Status>"
                    + TIERS),
            doc("<Id>a</Id><Status>Enabled</Status><Other/>" + TIERS))) {
      assertThatThrownBy(() -> parse(bad))
          .as(bad)
          .isInstanceOf(S3Exception.class)
          .extracting(e -> ((S3Exception) e).code())
          .isEqualTo(S3ErrorCode.MALFORMED_XML);
    }
    for (String bad :
        List.of(
            doc(
                "<Id>a</Id><Status>Enabled</Status><Tiering><AccessTier>ARCHIVE_ACCESS</AccessTier>"
                    + "<Days>89</Days></Tiering>"),
            doc(
                "<Id>a</Id><Status>Enabled</Status><Tiering><AccessTier>DEEP_ARCHIVE_ACCESS"
                    + "</AccessTier><Days>179</Days></Tiering>"),
            doc(
                "<Id>a</Id><Status>Enabled</Status><Tiering><AccessTier>ARCHIVE_ACCESS</AccessTier>"
                    + "<Days>731</Days></Tiering>"),
            doc("<Id>a b</Id><Status>Enabled</Status>" + TIERS),
            doc(
                "<Id>a</Id><Status>Enabled</Status>"
                    + TIERS
                    + "<Tiering><AccessTier>ARCHIVE_ACCESS"
                    + "</AccessTier><Days>100</Days></Tiering>"))) {
      assertThatThrownBy(() -> parse(bad))
          .as(bad)
          .isInstanceOf(S3Exception.class)
          .extracting(e -> ((S3Exception) e).code())
          .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    }
  }
}
