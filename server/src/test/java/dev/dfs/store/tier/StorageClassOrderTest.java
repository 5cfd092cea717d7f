package dev.dfs.store.tier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageClassOrderTest {
  @Test
  void transitionsGoDownTheWaterfallOnly() {
    assertThat(StorageClassOrder.colder("STANDARD_IA", "STANDARD")).isTrue();
    assertThat(StorageClassOrder.colder("GLACIER", "STANDARD_IA")).isTrue();
    assertThat(StorageClassOrder.colder("DEEP_ARCHIVE", "GLACIER")).isTrue();
    assertThat(StorageClassOrder.colder("GLACIER_IR", "REDUCED_REDUNDANCY")).isTrue();
    assertThat(StorageClassOrder.colder("STANDARD_IA", "GLACIER")).isFalse();
    assertThat(StorageClassOrder.colder("GLACIER", "GLACIER")).isFalse();
    assertThat(StorageClassOrder.colder("STANDARD", "REDUCED_REDUNDANCY")).isFalse();
    assertThat(StorageClassOrder.colder("NOPE", "STANDARD")).isFalse();
  }
}
