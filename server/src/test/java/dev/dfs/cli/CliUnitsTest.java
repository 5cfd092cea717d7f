package dev.dfs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CliUnitsTest {
  @Test
  void sizesTakeBinaryAndDecimalUnits() {
    assertThat(CliUnits.bytes("1048576")).isEqualTo(1048576);
    assertThat(CliUnits.bytes("10GiB")).isEqualTo(10L << 30);
    assertThat(CliUnits.bytes("10 gib")).isEqualTo(10L << 30);
    assertThat(CliUnits.bytes("500MB")).isEqualTo(500_000_000L);
    assertThat(CliUnits.bytes("2K")).isEqualTo(2048);
    assertThat(CliUnits.bytes("1.5KiB")).isEqualTo(1536);
    assertThat(CliUnits.bytes("12b")).isEqualTo(12);
    assertThatThrownBy(() -> CliUnits.bytes("10 apples")).isInstanceOf(AdminFailure.class);
    assertThatThrownBy(() -> CliUnits.bytes("-1")).isInstanceOf(AdminFailure.class);
    assertThatThrownBy(() -> CliUnits.bytes("i")).isInstanceOf(AdminFailure.class);
    assertThatThrownBy(() -> CliUnits.bytes("99999999PiB")).isInstanceOf(AdminFailure.class);
  }

  @Test
  void sizesPrintInBinaryUnits() {
    assertThat(CliUnits.size(600)).isEqualTo("600 B");
    assertThat(CliUnits.size(1536)).isEqualTo("1.5 KiB");
    assertThat(CliUnits.size(10L << 30)).isEqualTo("10.0 GiB");
  }

  @Test
  void durationsAddTheirParts() {
    assertThat(CliUnits.duration("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(CliUnits.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(CliUnits.duration("7d")).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> CliUnits.duration("1 hour")).isInstanceOf(AdminFailure.class);
    assertThatThrownBy(() -> CliUnits.duration("h")).isInstanceOf(AdminFailure.class);
    assertThatThrownBy(() -> CliUnits.duration("10m5")).isInstanceOf(AdminFailure.class);
  }
}
