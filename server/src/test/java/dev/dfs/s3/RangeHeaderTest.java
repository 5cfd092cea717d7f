package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ByteRange;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeHeaderTest {

  private static Optional<ByteRange> resolve(String header, long size) {
    return RangeHeader.parse(header).orElseThrow().resolve(size);
  }

  @ParameterizedTest
  @CsvSource({
    "bytes=0-0, 100, 0, 0",
    "bytes=0-99, 100, 0, 99",
    "bytes=10-20, 100, 10, 20",
    "bytes=90-200, 100, 90, 99",
    "bytes=50-, 100, 50, 99",
    "bytes=-10, 100, 90, 99",
    "bytes=-1000, 100, 0, 99",
    "bytes=99-99, 100, 99, 99",
    "BYTES=1-2, 100, 1, 2",
    "bytes= 1 - 2 , 100, 1, 2",
    "bytes=0-99999999999999999999999, 100, 0, 99",
  })
  void resolvesSatisfiableRanges(String header, long size, long first, long last) {
    assertThat(resolve(header, size)).contains(new ByteRange(first, last));
  }

  @ParameterizedTest
  @CsvSource({
    "bytes=100-, 100",
    "bytes=100-200, 100",
    "bytes=-0, 100",
    "bytes=0-0, 0",
    "bytes=-5, 0",
    "bytes=99999999999999999999-, 100",
  })
  void unsatisfiableRangesResolveToNothing(String header, long size) {
    assertThat(resolve(header, size)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "bytes",
        "bytes=",
        "bytes=-",
        "bytes=a-b",
        "bytes=5-3",
        "bytes=0-1,3-4",
        "items=0-1",
        "bytes=1",
        "bytes=--1",
        "bytes=+1-2",
        "bytes=1-2-3",
        "0-10"
      })
  void invalidOrMultiRangeHeadersAreIgnored(String header) {
    assertThat(RangeHeader.parse(header)).isEmpty();
  }

  @Test
  void absentHeaderIsIgnored() {
    assertThat(RangeHeader.parse(null)).isEmpty();
  }

  @Test
  void contentRangeFormat() {
    assertThat(RangeHeader.contentRange(new ByteRange(0, 9), 100)).isEqualTo("bytes 0-9/100");
  }

  @Test
  void notSatisfiableIs416WithDetails() {
    S3Exception e = RangeHeader.notSatisfiable("bytes=100-", 100);
    assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_RANGE);
    assertThat(e.code().status()).isEqualTo(416);
    assertThat(e.extra())
        .containsEntry("RangeRequested", "bytes=100-")
        .containsEntry("ActualObjectSize", "100");
  }

  @Test
  void copySourceRangeIsStrict() {
    assertThat(RangeHeader.copySourceRange("bytes=0-9", 10)).isEqualTo(new ByteRange(0, 9));
    assertThat(RangeHeader.copySourceRange("bytes=5-5", 10)).isEqualTo(new ByteRange(5, 5));
    for (String bad : new String[] {"0-9", "bytes=0-", "bytes=-5", "bytes=a-b", "bytes=0-1,2-3"}) {
      assertThatThrownBy(() -> RangeHeader.copySourceRange(bad, 10))
          .isInstanceOf(S3Exception.class)
          .hasMessageContaining("must be of the form bytes=first-last")
          .extracting(e -> ((S3Exception) e).code())
          .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    }
    for (String outside : new String[] {"bytes=0-10", "bytes=10-10"}) {
      assertThatThrownBy(() -> RangeHeader.copySourceRange(outside, 10))
          .isInstanceOf(S3Exception.class)
          .hasMessage("Range specified is not valid for source object of size: 10")
          .extracting(e -> ((S3Exception) e).code())
          .isEqualTo(S3ErrorCode.INVALID_RANGE);
    }
    assertThatThrownBy(() -> RangeHeader.copySourceRange("bytes=5-4", 10))
        .isInstanceOf(S3Exception.class)
        .extracting(e -> ((S3Exception) e).code())
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
  }
}
