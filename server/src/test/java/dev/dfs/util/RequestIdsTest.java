package dev.dfs.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void idsAreSixteenUpperCaseHexDigitsAndDistinct() {
    RequestIds ids = new RequestIds();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = ids.next();
      assertThat(id).matches("[0-9A-F]{16}");
      assertThat(seen.add(id)).isTrue();
    }
  }
}
