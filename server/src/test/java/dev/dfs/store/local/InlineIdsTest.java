package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InlineIdsTest {
  @Test
  void idsAscendAsRocksDbKeysInTheOrderTheyAreMade() {
    InlineIds ids = new InlineIds();
    byte[] previous = ids.next().bytes();
    for (int i = 0; i < 100_000; i++) { // far more than one per microsecond: the counter takes over
      byte[] next = ids.next().bytes();
      assertThat(Arrays.compareUnsigned(next, 0, 8, previous, 0, 8)).isPositive();
      previous = next;
    }
  }

  @Test
  void highBitsStartAtTheWallClockInMicroseconds() {
    long before = System.currentTimeMillis() * 1000;
    long hi = new InlineIds().next().hi();
    assertThat(hi).isBetween(before, System.currentTimeMillis() * 1000 + 1000);
  }
}
