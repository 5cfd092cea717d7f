package dev.dfs.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.StoreException;
import dev.dfs.store.tier.AccessTier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where Intelligent-Tiering puts an object, by idle days, configurations and overrides. */
class AccessTierPolicyTest {
  static final AccessTierPolicy POLICY = new AccessTierPolicy(LifecycleDay.ofSeconds(1));
  static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");
  static final List<IntelligentTieringConfiguration> ARCHIVE_LOGS =
      List.of(
          new IntelligentTieringConfiguration("logs", RuleFilter.prefix("logs/"), true, 90, 180),
          new IntelligentTieringConfiguration("off", RuleFilter.ALL, false, 90, null));

  static AccessTier target(
      String key, int idleDays, AccessTier current, boolean restored, TieringOverrides overrides) {
    return POLICY.target(
        new AccessTierPolicy.ObjectState(
            key, 10, Map.of(), NOW.minus(Duration.ofSeconds(idleDays)), current, restored),
        ARCHIVE_LOGS,
        overrides,
        NOW);
  }

  static AccessTier target(String key, int idleDays, AccessTier current) {
    return target(key, idleDays, current, false, TieringOverrides.NONE);
  }

  @Test
  void idleDaysMoveObjectsDownOnlyAsTheirConfigurationAllows() {
    assertThat(target("x", 29, AccessTier.FREQUENT)).isEqualTo(AccessTier.FREQUENT);
    assertThat(target("x", 30, AccessTier.FREQUENT)).isEqualTo(AccessTier.INFREQUENT);
    assertThat(target("x", 89, AccessTier.INFREQUENT)).isEqualTo(AccessTier.INFREQUENT);
    // archive instant access: automatic, no configuration (the "off" one is disabled)
    assertThat(target("x", 90, AccessTier.INFREQUENT)).isEqualTo(AccessTier.ARCHIVE_INSTANT);
    assertThat(target("x", 500, AccessTier.FREQUENT)).isEqualTo(AccessTier.ARCHIVE_INSTANT);
    assertThat(target("logs/a", 89, AccessTier.INFREQUENT)).isEqualTo(AccessTier.INFREQUENT);
    assertThat(target("logs/a", 90, AccessTier.INFREQUENT)).isEqualTo(AccessTier.ARCHIVE);
    assertThat(target("logs/a", 180, AccessTier.ARCHIVE)).isEqualTo(AccessTier.DEEP_ARCHIVE);
  }

  @Test
  void aReadBringsInfrequentBackButArchivedNeedsARestore() {
    assertThat(target("x", 0, AccessTier.INFREQUENT)).isEqualTo(AccessTier.FREQUENT);
    assertThat(target("x", 0, AccessTier.ARCHIVE_INSTANT)).isEqualTo(AccessTier.FREQUENT);
    assertThat(AccessTier.ARCHIVE_INSTANT.archived()).isFalse();
    assertThat(AccessTier.ARCHIVE_INSTANT.servingClasses()).containsExactly("GLACIER_IR");
    assertThat(target("logs/a", 0, AccessTier.ARCHIVE)).isEqualTo(AccessTier.ARCHIVE);
    assertThat(target("logs/a", 200, AccessTier.ARCHIVE, true, TieringOverrides.NONE))
        .isEqualTo(AccessTier.FREQUENT);
  }

  @Test
  void overridesPinAndKeepOutOfTheArchiveLongestPrefixFirst() {
    TieringOverrides o =
        TieringOverrides.parse(
            "{\"overrides\":["
                + "{\"prefix\":\"logs/\",\"neverArchive\":true},"
                + "{\"prefix\":\"logs/pinned/\",\"pin\":\"INFREQUENT\"},"
                + "{\"prefix\":\"\",\"pin\":\"frequent_access\"}]}");
    assertThat(target("x", 400, AccessTier.INFREQUENT, false, o)).isEqualTo(AccessTier.FREQUENT);
    assertThat(target("logs/a", 400, AccessTier.FREQUENT, false, o))
        .isEqualTo(AccessTier.INFREQUENT);
    assertThat(target("logs/a", 400, AccessTier.DEEP_ARCHIVE, false, o))
        .isEqualTo(AccessTier.INFREQUENT);
    assertThat(target("logs/pinned/a", 0, AccessTier.FREQUENT, false, o))
        .isEqualTo(AccessTier.INFREQUENT);
    assertThat(TieringOverrides.parse(o.toJson())).isEqualTo(o);
    TieringOverrides withDefault =
        TieringOverrides.parse("{\"defaultStorageClass\":\"INTELLIGENT_TIERING\"}");
    assertThat(withDefault.overrides()).isEmpty();
    assertThat(withDefault.defaultStorageClass()).isEqualTo("INTELLIGENT_TIERING");
    assertThat(TieringOverrides.parse(withDefault.toJson())).isEqualTo(withDefault);
    assertThat(TieringOverrides.parse("{}").isEmpty()).isTrue();
  }

  @Test
  void badOverridesAreRefusedWithTheReason() {
    for (String bad :
        List.of(
            "[]",
            "{\"defaultStorageClass\":\"COLD\"}",
            "{\"defaultStorageClass\":1}",
            "{\"overrides\":{}}",
            "{\"overrides\":[],\"x\":1}",
            "{\"overrides\":[{\"prefix\":\"a\"}]}",
            "{\"overrides\":[{\"prefix\":\"a\",\"pin\":\"COLD\"}]}",
            "{\"overrides\":[{\"prefix\":\"a\",\"neverArchive\":true,\"x\":1}]}",
            "{\"overrides\":[{\"prefix\":\"a\",\"neverArchive\":true},"
                + "{\"prefix\":\"a\",\"pin\":\"ARCHIVE\"}]}")) {
      assertThatThrownBy(() -> TieringOverrides.parse(bad))
          .as(bad)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("tiering overrides");
    }
  }
}
