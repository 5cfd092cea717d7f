package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParsingTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "4096, 4096",
    "4KiB, 4096",
    "4kib, 4096",
    "4k, 4096",
    "1MiB, 1048576",
    "16m, 16777216",
    "1GiB, 1073741824",
    "1g, 1073741824",
    "1TiB, 1099511627776",
    "10MB, 10000000",
    "4KB, 4000",
    "1.5MiB, 1572864",
    "' 64 KiB ', 65536",
    "100b, 100"
  })
  void parsesSizes(String text, long bytes) {
    assertThat(Sizes.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "-1", "4XB", "1.5", "0.3KiB", "KiB", "4 KiB 2"})
  void rejectsBadSizes(String text) {
    assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsSizes() {
    assertThat(Sizes.format(0)).isEqualTo("0B");
    assertThat(Sizes.format(100)).isEqualTo("100B");
    assertThat(Sizes.format(4096)).isEqualTo("4KiB");
    assertThat(Sizes.format(1 << 30)).isEqualTo("1GiB");
    assertThat(Sizes.format(1536 * 1024)).isEqualTo("1.5MiB");
    assertThat(Sizes.format(16L << 20)).isEqualTo("16MiB");
  }

  @Test
  void parsesSizeRanges() {
    SizeRange fixed = SizeRange.parse("4KiB");
    assertThat(fixed.isFixed()).isTrue();
    assertThat(fixed.pick(new SplittableRandom(1))).isEqualTo(4096);

    SizeRange range = SizeRange.parse("1KiB-64KiB");
    assertThat(range).isEqualTo(new SizeRange(1024, 65536));
    assertThat(range.toString()).isEqualTo("1KiB-64KiB");
    assertThat(range.mean()).isEqualTo((1024 + 65536) / 2.0);
    SplittableRandom rnd = new SplittableRandom(3);
    boolean sawMin = false;
    boolean sawHigh = false;
    for (int i = 0; i < 20_000; i++) {
      long s = range.pick(rnd);
      assertThat(s).isBetween(1024L, 65536L);
      sawMin |= s < 2048;
      sawHigh |= s > 63 * 1024;
    }
    assertThat(sawMin && sawHigh).isTrue();

    assertThatThrownBy(() -> SizeRange.parse("64KiB-1KiB"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SizeRange.parse("1KiB-")).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "30s, 30000",
    "500ms, 500",
    "5m, 300000",
    "1h, 3600000",
    "1m30s, 90000",
    "1.5s, 1500",
    "10, 10000",
    "' 2S ', 2000"
  })
  void parsesDurations(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "30x", "-5s", "1m 30s", "30s5"})
  void rejectsBadDurations(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsDurations() {
    assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
  }

  @Test
  void parsesMix() {
    Mix mix = Mix.parse("get=70,put=20,stat=5,delete=5");
    assertThat(mix.weight(Op.GET)).isEqualTo(70);
    assertThat(mix.weight(Op.PUT)).isEqualTo(20);
    assertThat(mix.weight(Op.LIST)).isZero();
    assertThat(mix.fraction(Op.STAT)).isEqualTo(0.05);
    assertThat(mix.ops()).containsExactly(Op.PUT, Op.GET, Op.STAT, Op.DELETE);
    assertThat(Mix.parse(" GET = 3 , list=1 ").fraction(Op.GET)).isEqualTo(0.75);
    assertThat(Mix.parse("get=1,put=0").ops()).containsExactly(Op.GET);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "get",
        "get=x",
        "get=-1",
        "get=0",
        "fly=3",
        "multipart=1",
        "get=1,get=2",
        "get=5,delete=1"
      })
  void rejectsBadMix(String text) {
    assertThatThrownBy(() -> Mix.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mixPicksOperationsInProportion() {
    Mix mix = Mix.parse("get=70,put=20,stat=5,delete=5");
    SplittableRandom rnd = new SplittableRandom(42);
    EnumMap<Op, Integer> seen = new EnumMap<>(Op.class);
    int n = 100_000;
    for (int i = 0; i < n; i++) seen.merge(mix.pick(rnd), 1, Integer::sum);
    assertThat(seen.keySet()).containsExactlyInAnyOrder(Op.GET, Op.PUT, Op.STAT, Op.DELETE);
    assertThat(seen.get(Op.GET) / (double) n)
        .isCloseTo(0.70, org.assertj.core.data.Offset.offset(0.01));
    assertThat(seen.get(Op.PUT) / (double) n)
        .isCloseTo(0.20, org.assertj.core.data.Offset.offset(0.01));
    assertThat(seen.get(Op.STAT) / (double) n)
        .isCloseTo(0.05, org.assertj.core.data.Offset.offset(0.005));
  }

  @Test
  void operationLabelsRoundTrip() {
    for (Op op : Op.values()) assertThat(Op.fromLabel(op.label())).isEqualTo(op);
    assertThat(Op.fromLabel("Upload-Part")).isEqualTo(Op.UPLOAD_PART);
    assertThatThrownBy(() -> Op.fromLabel("copy")).isInstanceOf(IllegalArgumentException.class);
  }
}
