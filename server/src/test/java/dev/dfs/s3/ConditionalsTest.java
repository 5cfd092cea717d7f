package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.s3.Conditionals.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionalsTest {
  private static final String ETAG = "abc123";

  /** 2024-05-01T12:00:00.250Z: sub-second part must not count. */
  private static final Instant MODIFIED = Instant.parse("2024-05-01T12:00:00.250Z");

  private static final String BEFORE = "Wed, 01 May 2024 11:00:00 GMT";
  private static final String SAME = "Wed, 01 May 2024 12:00:00 GMT";
  private static final String AFTER = "Wed, 01 May 2024 13:00:00 GMT";

  private static Outcome eval(String im, String inm, String ims, String ius) {
    return new Conditionals(im, inm, ims, ius).evaluate(ETAG, MODIFIED);
  }

  @ParameterizedTest(name = "[{index}] If-Match={0} If-None-Match={1} IMS={2} IUS={3} -> {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-, -, -, -, PROCEED",
        // If-Match alone
        "\"abc123\", -, -, -, PROCEED",
        "abc123, -, -, -, PROCEED",
        "*, -, -, -, PROCEED",
        "'\"x\", \"abc123\"', -, -, -, PROCEED",
        "W/\"abc123\", -, -, -, PROCEED",
        "\"other\", -, -, -, PRECONDITION_FAILED",
        // If-None-Match alone
        "-, \"abc123\", -, -, NOT_MODIFIED",
        "-, *, -, -, NOT_MODIFIED",
        "-, \"other\", -, -, PROCEED",
      })
  void entityTagConditions(String im, String inm, String ims, String ius, Outcome expected) {
    assertThat(eval(im, inm, ims, ius)).isEqualTo(expected);
  }

  @Test
  void dateConditionsCompareWholeSeconds() {
    assertThat(eval(null, null, null, AFTER)).isEqualTo(Outcome.PROCEED);
    assertThat(eval(null, null, null, SAME)).isEqualTo(Outcome.PROCEED);
    assertThat(eval(null, null, null, BEFORE)).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(eval(null, null, BEFORE, null)).isEqualTo(Outcome.PROCEED);
    assertThat(eval(null, null, SAME, null)).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval(null, null, AFTER, null)).isEqualTo(Outcome.NOT_MODIFIED);
  }

  @Test
  void s3PrecedenceIfMatchTrueBeatsIfUnmodifiedSinceFalse() {
    assertThat(eval("\"abc123\"", null, null, BEFORE)).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void s3PrecedenceIfNoneMatchFalseBeatsIfModifiedSinceTrue() {
    assertThat(eval(null, "\"abc123\"", BEFORE, null)).isEqualTo(Outcome.NOT_MODIFIED);
  }

  @Test
  void ifNoneMatchTrueIgnoresIfModifiedSince() {
    assertThat(eval(null, "\"other\"", AFTER, null)).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void failedPreconditionWinsOverNotModified() {
    assertThat(eval("\"other\"", "\"abc123\"", null, null)).isEqualTo(Outcome.PRECONDITION_FAILED);
  }

  @Test
  void unparseableDatesAreIgnored() {
    assertThat(eval(null, null, "yesterday", "tomorrow")).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void otherDateFormatsAreAccepted() {
    assertThat(eval(null, null, "Wednesday, 01-May-24 13:00:00 GMT", null))
        .isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval(null, null, "Wed May  1 13:00:00 2024", null)).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval(null, null, "2024-05-01T13:00:00Z", null)).isEqualTo(Outcome.NOT_MODIFIED);
  }

  @Test
  void readChecksThrow412AndReport304() {
    assertThatThrownBy(() -> new Conditionals("\"x\"", null, null, null).checkRead(ETAG, MODIFIED))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo(S3ErrorCode.PRECONDITION_FAILED);
              assertThat(e.extra()).containsEntry("Condition", "If-Match");
            });
    assertThat(new Conditionals(null, ETAG, null, null).checkRead(ETAG, MODIFIED)).isTrue();
    assertThat(new Conditionals(null, null, null, null).checkRead(ETAG, MODIFIED)).isFalse();
  }

  @Test
  void copySourceFailuresAreAll412() {
    Conditionals notModified = new Conditionals(null, ETAG, null, null);
    assertThatThrownBy(() -> notModified.checkCopySource(ETAG, MODIFIED))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> assertThat(e.code()).isEqualTo(S3ErrorCode.PRECONDITION_FAILED));
    Conditionals ifModifiedSinceFalse = new Conditionals(null, null, AFTER, null);
    assertThatThrownBy(() -> ifModifiedSinceFalse.checkCopySource(ETAG, MODIFIED))
        .isInstanceOf(S3Exception.class);
    // If-Match true + If-Unmodified-Since false: the copy proceeds.
    new Conditionals(ETAG, null, null, BEFORE).checkCopySource(ETAG, MODIFIED);
  }

  @Test
  void httpDatesFormatWithTwoDigitDay() {
    assertThat(HttpDates.format(Instant.parse("2024-05-01T02:03:04.999Z")))
        .isEqualTo("Wed, 01 May 2024 02:03:04 GMT");
  }
}
