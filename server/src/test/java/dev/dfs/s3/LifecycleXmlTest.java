package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dfs.lifecycle.LifecycleConfiguration;
import dev.dfs.lifecycle.LifecycleRule;
import dev.dfs.lifecycle.RuleFilter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleXmlTest {
  /** Parses as an engine without storage tiers does. */
  static LifecycleConfiguration parse(String xml) {
    return LifecycleXml.parse(xml.getBytes(StandardCharsets.UTF_8), false);
  }

  static String doc(String rules) {
    return "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + rules
        + "</LifecycleConfiguration>";
  }

  static S3Exception error(String xml) {
    S3Exception e = catchThrowableOfType(S3Exception.class, () -> parse(xml));
    assertThat(e).as("expected an S3 error for %s", xml).isNotNull();
    return e;
  }

  static void expect(S3ErrorCode code, String messagePart, String rules) {
    S3Exception e = error(doc(rules));
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    if (messagePart != null) assertThat(e.getMessage()).contains(messagePart);
  }

  static String roundTrip(LifecycleConfiguration c) {
    return new String(LifecycleXml.toXml(c).toBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void parsesEveryActionAndFilterShape() {
    LifecycleConfiguration c =
        parse(
            doc(
                """
        <Rule><ID>logs</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>
          <Expiration><Days>30</Days></Expiration>
          <AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload>
        </Rule>
        <Rule><ID>and</ID><Filter><And><Prefix>tmp/</Prefix>
            <Tag><Key>class</Key><Value>scratch</Value></Tag><Tag><Key>team</Key><Value>a</Value></Tag>
            <ObjectSizeGreaterThan>10</ObjectSizeGreaterThan><ObjectSizeLessThan>1000</ObjectSizeLessThan>
          </And></Filter><Status>Disabled</Status>
          <Expiration><Date>2030-01-01T00:00:00.000Z</Date></Expiration>
        </Rule>
        <Rule><ID>versions</ID><Prefix>old/</Prefix><Status>Enabled</Status>
          <Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>
          <NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays><NewerNoncurrentVersions>3</NewerNoncurrentVersions></NoncurrentVersionExpiration>
        </Rule>
        <Rule><ID>tag</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>
          <Expiration><Days>1</Days></Expiration></Rule>
        <Rule><ID>big</ID><Filter><ObjectSizeGreaterThan>1048576</ObjectSizeGreaterThan></Filter>
          <Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule>
        <Rule><ID>all</ID><Filter></Filter><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule>
        """));
    assertThat(c.rules())
        .extracting(LifecycleRule::id)
        .containsExactly("logs", "and", "versions", "tag", "big", "all");
    LifecycleRule logs = c.rules().get(0);
    assertThat(logs.enabled()).isTrue();
    assertThat(logs.filter().prefix()).isEqualTo("logs/");
    assertThat(logs.expiration().days()).isEqualTo(30);
    assertThat(logs.abortDaysAfterInitiation()).isEqualTo(7);
    LifecycleRule and = c.rules().get(1);
    assertThat(and.enabled()).isFalse();
    assertThat(and.filter().shape()).isEqualTo(RuleFilter.Shape.AND);
    assertThat(and.filter().tags())
        .containsExactly(Map.entry("class", "scratch"), Map.entry("team", "a"));
    assertThat(and.filter().sizeGreaterThan()).isEqualTo(10L);
    assertThat(and.filter().sizeLessThan()).isEqualTo(1000L);
    assertThat(and.expiration().date()).isEqualTo(LocalDate.of(2030, 1, 1));
    LifecycleRule versions = c.rules().get(2);
    assertThat(versions.filter().shape()).isEqualTo(RuleFilter.Shape.LEGACY_PREFIX);
    assertThat(versions.expiration().expiredObjectDeleteMarker()).isTrue();
    assertThat(versions.noncurrentVersionExpiration().noncurrentDays()).isEqualTo(5);
    assertThat(versions.noncurrentVersionExpiration().newerNoncurrentVersions()).isEqualTo(3);
    assertThat(versions.actsOnVersions()).isTrue();
    assertThat(c.rules().get(3).filter().tags()).containsExactly(Map.entry("k", "v"));
    assertThat(c.rules().get(4).filter().sizeGreaterThan()).isEqualTo(1048576L);
    assertThat(c.rules().get(5).filter().conditions()).isZero();

    String canonical = roundTrip(c);
    assertThat(parse(canonical)).isEqualTo(c);
    assertThat(roundTrip(parse(canonical))).isEqualTo(canonical);
    assertThat(canonical)
        .contains("<Rule><ID>versions</ID><Prefix>old/</Prefix>")
        .contains("<Date>2030-01-01T00:00:00.000Z</Date>")
        .contains("<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>")
        .contains("<Filter><Prefix></Prefix></Filter>");
  }

  @Test
  void rulesWithoutIdGetAGeneratedOne() {
    LifecycleConfiguration c =
        parse(
            doc(
                "<Rule><Filter><Prefix>a</Prefix></Filter>"
                    + "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"));
    assertThat(c.rules().get(0).id()).hasSize(48);
  }

  @Test
  void datesMayBeGivenAsPlainDatesButMustBeMidnightUtc() {
    assertThat(
            parse(
                    doc(
                        "<Rule><ID>d</ID><Filter/><Status>Enabled</Status>"
                            + "<Expiration><Date>2030-02-03</Date></Expiration></Rule>"))
                .rules()
                .get(0)
                .expiration()
                .date())
        .isEqualTo(LocalDate.of(2030, 2, 3));
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "'Date' must be at midnight GMT",
        "<Rule><ID>d</ID><Filter/><Status>Enabled</Status>"
            + "<Expiration><Date>2030-02-03T10:00:00Z</Date></Expiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "'Date' must be at midnight GMT",
        "<Rule><ID>d</ID><Filter/><Status>Enabled</Status>"
            + "<Expiration><Date>2030-02-03T00:00:00+02:00</Date></Expiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "ISO 8601",
        "<Rule><ID>d</ID><Filter/>"
            + "<Status>Enabled</Status><Expiration><Date>tomorrow</Date></Expiration></Rule>");
  }

  @Test
  void valuesS3RefusesAreInvalidArgument() {
    String ok = "<Filter/><Status>Enabled</Status>";
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "'Days' for Expiration action must be a positive",
        "<Rule><ID>a</ID>" + ok + "<Expiration><Days>0</Days></Expiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "'NoncurrentDays'",
        "<Rule><ID>a</ID>"
            + ok
            + "<NoncurrentVersionExpiration><NoncurrentDays>-1</NoncurrentDays>"
            + "</NoncurrentVersionExpiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "NewerNoncurrentVersions",
        "<Rule><ID>a</ID>"
            + ok
            + "<NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays>"
            + "<NewerNoncurrentVersions>101</NewerNoncurrentVersions>"
            + "</NoncurrentVersionExpiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "'DaysAfterInitiation'",
        "<Rule><ID>a</ID>"
            + ok
            + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>0</DaysAfterInitiation>"
            + "</AbortIncompleteMultipartUpload></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "Rule ID must be unique",
        "<Rule><ID>a</ID>"
            + ok
            + "<Expiration><Days>1</Days></Expiration></Rule>"
            + "<Rule><ID>a</ID>"
            + ok
            + "<Expiration><Days>2</Days></Expiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "ID length should not exceed allowed limit of 255",
        "<Rule><ID>"
            + "x".repeat(256)
            + "</ID>"
            + ok
            + "<Expiration><Days>1</Days></Expiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "ObjectSizeGreaterThan must be less than",
        "<Rule><ID>a</ID><Filter><And><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan>"
            + "<ObjectSizeLessThan>10</ObjectSizeLessThan></And></Filter>"
            + "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "Duplicate Tag Keys",
        "<Rule><ID>a</ID><Filter><And><Tag><Key>k</Key><Value>1</Value></Tag>"
            + "<Tag><Key>k</Key><Value>2</Value></Tag></And></Filter>"
            + "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>");
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "ExpiredObjectDeleteMarker cannot be specified with tags",
        "<Rule><ID>a</ID><Filter><Tag><Key>k</Key><Value>1</Value></Tag></Filter>"
            + "<Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>true"
            + "</ExpiredObjectDeleteMarker></Expiration></Rule>");
    String rule = "<Rule><ID>%d</ID>" + ok + "<Expiration><Days>1</Days></Expiration></Rule>";
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= 1000; i++) many.append(rule.formatted(i));
    expect(
        S3ErrorCode.INVALID_ARGUMENT, "should not exceed allowed limit of 1000", many.toString());
  }

  @Test
  void combinationsS3RefusesAreInvalidRequest() {
    expect(
        S3ErrorCode.INVALID_REQUEST,
        "AbortIncompleteMultipartUpload cannot be specified with Tags",
        "<Rule><ID>a</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>"
            + "<Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>1"
            + "</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>");
    expect(
        S3ErrorCode.INVALID_REQUEST,
        "At least one action",
        "<Rule><ID>a</ID><Filter/><Status>Enabled</Status></Rule>");
  }

  @Test
  void wrongShapesAreMalformedXml() {
    String[] bad = {
      "<Rule><ID>a</ID><Filter/><Status>Enabled</Status>"
          + "<Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule>",
      "<Rule><ID>a</ID><Filter/><Status>Enabled</Status>"
          + "<Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>"
          + "</Expiration></Rule>",
      "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration></Expiration></Rule>",
      "<Rule><ID>a</ID><Filter/><Status>On</Status><Expiration><Days>1</Days></Expiration></Rule>",
      "<Rule><ID>a</ID><Filter/><Expiration><Days>1</Days></Expiration></Rule>",
      "<Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>",
      "<Rule><ID>a</ID><Filter/><Prefix>x</Prefix><Status>Enabled</Status>"
          + "<Expiration><Days>1</Days></Expiration></Rule>",
      "<Rule><ID>a</ID><Filter><Prefix>x</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter>"
          + "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>",
      "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Days>x</Days></Expiration></Rule>",
      "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Bogus/><Expiration><Days>1</Days></Expiration></Rule>",
      "",
    };
    for (String rules : bad) {
      S3Exception e = error(doc(rules));
      assertThat(e.code()).as(rules + " -> " + e.getMessage()).isEqualTo(S3ErrorCode.MALFORMED_XML);
    }
    assertThat(error("<Other/>").code()).isEqualTo(S3ErrorCode.MALFORMED_XML);
    assertThat(error("<LifecycleConfiguration><Rule>").code()).isEqualTo(S3ErrorCode.MALFORMED_XML);
  }

  @Test
  void theHeaderValueQuotesTheRuleIdAndFormatsEvenTheFarFuture() {
    assertThat(
            LifecycleHandlers.headerValue(
                new dev.dfs.lifecycle.Expiry(
                    java.time.Instant.parse("2012-12-23T00:00:00Z"), "picture-deletion")))
        .isEqualTo("expiry-date=\"Sun, 23 Dec 2012 00:00:00 GMT\", rule-id=\"picture-deletion\"");
    assertThat(
            LifecycleHandlers.headerValue(
                new dev.dfs.lifecycle.Expiry(dev.dfs.lifecycle.LifecycleDay.FAR_FUTURE, "a\"b")))
        .endsWith("rule-id=\"a\\\"b\"");
  }

  @Test
  void transitionsAreNotImplemented() {
    expect(
        S3ErrorCode.NOT_IMPLEMENTED,
        "Transition",
        "<Rule><ID>a</ID><Filter/>"
            + "<Status>Enabled</Status><Transition><Days>30</Days><StorageClass>GLACIER"
            + "</StorageClass></Transition></Rule>");
    expect(
        S3ErrorCode.NOT_IMPLEMENTED,
        "NoncurrentVersionTransition",
        "<Rule><ID>a</ID><Filter/>"
            + "<Status>Enabled</Status><NoncurrentVersionTransition><NoncurrentDays>30"
            + "</NoncurrentDays><StorageClass>GLACIER</StorageClass></NoncurrentVersionTransition></Rule>");
    // several transitions, one per class, and a rule whose only action is a transition
    expect(
        S3ErrorCode.NOT_IMPLEMENTED,
        "Transition",
        "<Rule><ID>a</ID><Filter/>"
            + "<Status>Enabled</Status>"
            + transition("<Days>0</Days>", "GLACIER_IR")
            + transition("<Days>90</Days>", "DEEP_ARCHIVE")
            + "</Rule>");
  }

  @Test
  void withTiersTransitionsAreKeptAndRenderedBack() {
    String rules =
        "<Rule><ID>a</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
            + transition("<Days>0</Days>", "GLACIER_IR")
            + transition("<Date>2030-01-01T00:00:00Z</Date>", "DEEP_ARCHIVE")
            + "</Rule>";
    LifecycleConfiguration c =
        LifecycleXml.parse(doc(rules).getBytes(StandardCharsets.UTF_8), true);
    assertThat(c.rules().getFirst().transitions())
        .containsExactly(
            new dev.dfs.lifecycle.Transition("GLACIER_IR", 0, null, false, null),
            new dev.dfs.lifecycle.Transition(
                "DEEP_ARCHIVE", null, java.time.LocalDate.parse("2030-01-01"), false, null));
    assertThat(c.rules().getFirst().transitionsObjects()).isTrue();
    assertThat(LifecycleXml.parseStored(roundTrip(c).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(c);
  }

  /** With tiers a noncurrent transition is kept, NewerNoncurrentVersions included. */
  @Test
  void withTiersNoncurrentVersionTransitionsAreKept() {
    String rules =
        "<Rule><ID>a</ID><Filter/><Status>Enabled</Status>"
            + "<NoncurrentVersionTransition><NoncurrentDays>3</NoncurrentDays><NewerNoncurrentVersions>"
            + "2</NewerNoncurrentVersions><StorageClass>GLACIER</StorageClass>"
            + "</NoncurrentVersionTransition></Rule>";
    LifecycleConfiguration c =
        LifecycleXml.parse(doc(rules).getBytes(StandardCharsets.UTF_8), true);
    assertThat(c.rules().getFirst().transitions())
        .containsExactly(new dev.dfs.lifecycle.Transition("GLACIER", 3, null, true, 2));
    assertThat(c.rules().getFirst().actsOnVersions()).isTrue();
    assertThat(c.rules().getFirst().transitionsObjects()).isFalse();
    assertThat(LifecycleXml.parseStored(roundTrip(c).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(c);
  }

  private static String transition(String when, String storageClass) {
    return "<Transition>" + when + "<StorageClass>" + storageClass + "</StorageClass></Transition>";
  }

  private static String rule(String action) {
    return "<Rule><ID>a</ID><Filter/><Status>Enabled</Status>" + action + "</Rule>";
  }

  /** Invalid transitions are refused for what is wrong before NotImplemented, as S3 checks. */
  @Test
  void transitionsAreValidatedBeforeNotImplemented() {
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "nonnegative",
        rule(transition("<Days>-1</Days>", "GLACIER")));
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "midnight",
        rule(transition("<Date>2030-01-01T12:00:00Z</Date>", "GLACIER")));
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "ISO 8601",
        rule(transition("<Date>20300101</Date>", "GLACIER")));
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "greater than or equal to 30",
        rule(transition("<Days>10</Days>", "STANDARD_IA")));
    expect(S3ErrorCode.MALFORMED_XML, null, rule(transition("<Days>30</Days>", "STANDARD")));
    expect(S3ErrorCode.MALFORMED_XML, null, rule(transition("<Days>30</Days>", "FAST")));
    expect(S3ErrorCode.MALFORMED_XML, null, rule("<Transition><Days>30</Days></Transition>"));
    expect(S3ErrorCode.MALFORMED_XML, null, rule(transition("", "GLACIER")));
    expect(
        S3ErrorCode.MALFORMED_XML,
        null,
        rule(transition("<Days>1</Days><Date>2030-01-01T00:00:00Z</Date>", "GLACIER")));
    expect(
        S3ErrorCode.MALFORMED_XML,
        null,
        rule(
            "<NoncurrentVersionTransition><Days>3</Days>"
                + "<StorageClass>GLACIER</StorageClass></NoncurrentVersionTransition>"));
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "nonnegative",
        rule(
            "<NoncurrentVersionTransition>"
                + "<NoncurrentDays>-2</NoncurrentDays><StorageClass>GLACIER</StorageClass>"
                + "</NoncurrentVersionTransition>"));
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "NewerNoncurrentVersions",
        rule(
            "<NoncurrentVersionTransition><NoncurrentDays>2</NoncurrentDays><NewerNoncurrentVersions>"
                + "0</NewerNoncurrentVersions><StorageClass>GLACIER</StorageClass>"
                + "</NoncurrentVersionTransition>"));
    // an invalid rule elsewhere in the document also wins over NotImplemented
    expect(
        S3ErrorCode.INVALID_ARGUMENT,
        "Rule ID must be unique",
        rule(transition("<Days>30</Days>", "GLACIER"))
            + rule(transition("<Days>30</Days>", "GLACIER")));
  }
}
