package dev.dfs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleEvaluatorTest {
  static final Instant T = Instant.parse("2014-01-15T10:30:00Z");
  static final LifecycleEvaluator STANDARD = new LifecycleEvaluator(LifecycleDay.STANDARD);

  static LifecycleRule days(String id, RuleFilter filter, int days) {
    return new LifecycleRule(id, true, filter, new Expiration(days, null, null), null, null);
  }

  static LifecycleConfiguration config(LifecycleRule... rules) {
    return new LifecycleConfiguration(List.of(rules));
  }

  @Test
  void daysAreRoundedUpToTheNextMidnightUtcWithTheStandardDay() {
    var c = config(days("r", RuleFilter.ALL, 3));
    assertThat(STANDARD.objectExpiry(c, "k", 1, Map.of(), T))
        .contains(new Expiry(Instant.parse("2014-01-19T00:00:00Z"), "r"));
    Instant midnight = Instant.parse("2014-01-15T00:00:00Z");
    assertThat(STANDARD.objectExpiry(c, "k", 1, Map.of(), midnight).orElseThrow().at())
        .isEqualTo(Instant.parse("2014-01-18T00:00:00Z"));
  }

  @Test
  void aShortenedDayIsNotRounded() {
    var e = new LifecycleEvaluator(LifecycleDay.ofSeconds(2));
    var c = config(days("r", RuleFilter.ALL, 3));
    assertThat(e.objectExpiry(c, "k", 1, Map.of(), T).orElseThrow().at())
        .isEqualTo(T.plusSeconds(6));
  }

  @Test
  void dateRulesExpireAtMidnightOfTheDateWhateverTheAge() {
    var rule =
        new LifecycleRule(
            "d",
            true,
            RuleFilter.ALL,
            new Expiration(null, LocalDate.of(2012, 12, 23), null),
            null,
            null);
    assertThat(STANDARD.objectExpiry(config(rule), "k", 1, Map.of(), T))
        .contains(new Expiry(Instant.parse("2012-12-23T00:00:00Z"), "d"));
  }

  @Test
  void disabledRulesAndRulesWithoutObjectExpirationDoNothing() {
    var disabled =
        new LifecycleRule("off", false, RuleFilter.ALL, new Expiration(1, null, null), null, null);
    var abortOnly = new LifecycleRule("mpu", true, RuleFilter.ALL, null, null, 1);
    var markers =
        new LifecycleRule(
            "dm",
            true,
            RuleFilter.ALL,
            new Expiration(null, null, true),
            new NoncurrentVersionExpiration(5, 2),
            null);
    assertThat(STANDARD.objectExpiry(config(disabled, abortOnly, markers), "k", 1, Map.of(), T))
        .isEmpty();
  }

  @Test
  void filtersOnPrefixTagsAndSizes() {
    var f =
        new RuleFilter(
            "logs/", Map.of("class", "tmp", "team", "a"), 10L, 100L, RuleFilter.Shape.AND);
    var c = config(days("and", f, 1));
    Map<String, String> tags = Map.of("class", "tmp", "team", "a", "other", "x");
    assertThat(STANDARD.objectExpiry(c, "logs/1", 50, tags, T)).isPresent();
    assertThat(STANDARD.objectExpiry(c, "data/1", 50, tags, T)).isEmpty();
    assertThat(STANDARD.objectExpiry(c, "logs/1", 10, tags, T)).as("not > 10").isEmpty();
    assertThat(STANDARD.objectExpiry(c, "logs/1", 100, tags, T)).as("not < 100").isEmpty();
    assertThat(STANDARD.objectExpiry(c, "logs/1", 50, Map.of("class", "tmp"), T)).isEmpty();
    assertThat(STANDARD.objectExpiry(c, "logs/1", 50, Map.of("class", "tmp", "team", "b"), T))
        .isEmpty();
  }

  @Test
  void theEarliestExpiryWinsAndTiesGoToTheFirstRule() {
    var c =
        config(
            days("long", RuleFilter.prefix("a"), 30),
            days("short", RuleFilter.ALL, 7),
            days("same", RuleFilter.ALL, 7));
    assertThat(STANDARD.objectExpiry(c, "abc", 1, Map.of(), T).orElseThrow().ruleId())
        .isEqualTo("short");
  }

  @Test
  void uploadsAreAbortedDaysAfterInitiationUnderMatchingPrefixes() {
    var c =
        config(
            new LifecycleRule("mpu", true, RuleFilter.prefix("tmp/"), null, null, 2),
            new LifecycleRule("off", false, RuleFilter.ALL, null, null, 1));
    var e = new LifecycleEvaluator(LifecycleDay.ofSeconds(1));
    assertThat(e.uploadAbort(c, "tmp/x", T)).contains(new Expiry(T.plusSeconds(2), "mpu"));
    assertThat(e.uploadAbort(c, "keep/x", T)).isEmpty();
    assertThat(STANDARD.uploadAbort(c, "tmp/x", T).orElseThrow().at())
        .isEqualTo(Instant.parse("2014-01-18T00:00:00Z"));
  }

  @Test
  void noncurrentVersionsExpireAfterNoncurrentDaysBeyondTheNewestOnesKept() {
    var c =
        config(
            new LifecycleRule(
                "nc",
                true,
                RuleFilter.prefix("docs/"),
                null,
                new NoncurrentVersionExpiration(5, 2),
                null));
    var e = new LifecycleEvaluator(LifecycleDay.ofSeconds(1));
    assertThat(e.noncurrentExpiry(c, "docs/a", 1, Map.of(), T, 2))
        .contains(new Expiry(T.plusSeconds(5), "nc"));
    assertThat(e.noncurrentExpiry(c, "docs/a", 1, Map.of(), T, 1))
        .as("one of the 2 kept")
        .isEmpty();
    assertThat(e.noncurrentExpiry(c, "other/a", 1, Map.of(), T, 9)).isEmpty();
    var plain =
        config(
            new LifecycleRule(
                "any", true, RuleFilter.ALL, null, new NoncurrentVersionExpiration(1, null), null));
    assertThat(STANDARD.noncurrentExpiry(plain, "k", 1, Map.of(), T, 0).orElseThrow().at())
        .isEqualTo(Instant.parse("2014-01-17T00:00:00Z"));
  }

  @Test
  void expiredDeleteMarkersNeedAnExplicitEnabledRule() {
    var c =
        config(
            new LifecycleRule(
                "off", false, RuleFilter.ALL, new Expiration(null, null, true), null, null),
            new LifecycleRule(
                "days", true, RuleFilter.ALL, new Expiration(3, null, null), null, null),
            new LifecycleRule(
                "dm",
                true,
                RuleFilter.prefix("logs/"),
                new Expiration(null, null, true),
                null,
                null));
    assertThat(STANDARD.expiredDeleteMarkerRule(c, "logs/x")).contains("dm");
    assertThat(STANDARD.expiredDeleteMarkerRule(c, "data/x")).isEmpty();
  }

  @Test
  void hugeDayCountsSaturateInsteadOfOverflowing() {
    var c = config(days("r", RuleFilter.ALL, Integer.MAX_VALUE));
    var e = new LifecycleEvaluator(new LifecycleDay(Duration.ofDays(365_000)));
    assertThat(e.objectExpiry(c, "k", 1, Map.of(), T).orElseThrow().at())
        .isEqualTo(LifecycleDay.FAR_FUTURE);
    var longDay = new LifecycleEvaluator(LifecycleDay.ofSeconds(Integer.MAX_VALUE));
    assertThat(longDay.objectExpiry(c, "k", 1, Map.of(), T).orElseThrow().at())
        .isEqualTo(LifecycleDay.FAR_FUTURE);
  }

  @Test
  void workerIntervalFollowsTheDayLength() {
    assertThat(LifecycleDay.STANDARD.workerInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(LifecycleDay.ofSeconds(1).workerInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(LifecycleDay.ofSeconds(60).workerInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(LifecycleDay.ofSeconds(8000).workerInterval()).isEqualTo(Duration.ofSeconds(2000));
    assertThatThrownBy(() -> LifecycleDay.ofSeconds(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noncurrentTransitionsCountFromTheSuccessorAndKeepTheNewerVersions() {
    var e = new LifecycleEvaluator(LifecycleDay.ofSeconds(1));
    var rule =
        new LifecycleRule(
            "nc",
            true,
            RuleFilter.ALL,
            null,
            null,
            null,
            List.of(
                new Transition("STANDARD_IA", 30, null, true, null),
                new Transition("GLACIER", 90, null, true, 2),
                new Transition("DEEP_ARCHIVE", 1, null, false, null)));
    var c = config(rule);
    assertThat(e.noncurrentTransition(c, "k", 1, Map.of(), T, 0, T.plusSeconds(29))).isEmpty();
    assertThat(e.noncurrentTransition(c, "k", 1, Map.of(), T, 0, T.plusSeconds(30)))
        .map(Transition::storageClass)
        .contains("STANDARD_IA");
    // GLACIER is due at 90 s, but only for versions with at least two newer noncurrent ones
    assertThat(e.noncurrentTransition(c, "k", 1, Map.of(), T, 1, T.plusSeconds(100)))
        .map(Transition::storageClass)
        .contains("STANDARD_IA");
    assertThat(e.noncurrentTransition(c, "k", 1, Map.of(), T, 2, T.plusSeconds(100)))
        .map(Transition::storageClass)
        .contains("GLACIER");
    // the current-object transition never applies to noncurrent versions, and vice versa
    assertThat(e.objectTransition(c, "k", 1, Map.of(), T, T.plusSeconds(100)))
        .map(Transition::storageClass)
        .contains("DEEP_ARCHIVE");
    var disabled =
        new LifecycleRule(
            "off",
            false,
            RuleFilter.ALL,
            null,
            null,
            null,
            List.of(new Transition("GLACIER", 0, null, true, null)));
    assertThat(e.noncurrentTransition(config(disabled), "k", 1, Map.of(), T, 5, T.plusSeconds(9)))
        .isEmpty();
  }
}
