package dev.dfs.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WriteConditionTest {
  private static void fails(WriteCondition c, String current, boolean atCommit, StoreError e) {
    assertThatThrownBy(() -> c.check(current, atCommit))
        .isInstanceOfSatisfying(
            StoreException.class,
            x -> org.assertj.core.api.Assertions.assertThat(x.error()).isEqualTo(e));
  }

  @Test
  void ifNoneMatchAny() {
    WriteCondition c = new WriteCondition(true, null);
    assertThatCode(() -> c.check(null, true)).doesNotThrowAnyException();
    fails(c, "abc", false, StoreError.PRECONDITION_FAILED);
  }

  @Test
  void ifMatchComparesEtagsIgnoringQuotesAndCase() {
    WriteCondition c = new WriteCondition(false, "\"ABC\"");
    assertThatCode(() -> c.check("abc", true)).doesNotThrowAnyException();
    fails(c, "abd", true, StoreError.PRECONDITION_FAILED);
    fails(c, null, false, StoreError.NO_SUCH_KEY);
    fails(c, null, true, StoreError.CONDITIONAL_CONFLICT);
    assertThatCode(() -> new WriteCondition(false, "*").check("x", true))
        .doesNotThrowAnyException();
  }

  @Test
  void ifNoneMatchEtagRefusesOnlyThatEtag() {
    WriteCondition c = new WriteCondition(false, null, "\"abc\", \"def\"");
    assertThatCode(() -> c.check(null, true)).doesNotThrowAnyException();
    assertThatCode(() -> c.check("xyz", true)).doesNotThrowAnyException();
    fails(c, "DEF", true, StoreError.PRECONDITION_FAILED);
  }

  @Test
  void noneAlwaysHolds() {
    assertThatCode(() -> WriteCondition.NONE.check("x", true)).doesNotThrowAnyException();
    assertThatCode(() -> WriteCondition.NONE.check(null, false)).doesNotThrowAnyException();
  }
}
