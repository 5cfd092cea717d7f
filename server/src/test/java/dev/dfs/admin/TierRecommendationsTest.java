package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.tier.CostModel;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierUsage.Amount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierRecommendationsTest {
  static TierDefinition dir(String name, List<String> classes, double perGibMonth) {
    return new TierDefinition(
        name,
        TierDefinition.Kind.DIRECTORY,
        classes,
        new CostModel(perGibMonth, 0, 0),
        "/srv/" + name,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void theCheapestTierReadWithoutARestoreIsRecommendedWithItsSavings() {
    var tiers =
        List.of(
            dir("slow", List.of("STANDARD_IA"), 0.0125),
            dir("cool", List.of("GLACIER_IR"), 0.004),
            dir("vault", List.of("GLACIER"), 0.001));
    long tib = 1L << 40;
    var recs =
        TierRecommendations.compute(
            Map.of("logs", new Amount(10, tib), "tiny", new Amount(1, 1000), "none", Amount.ZERO),
            tiers);
    assertThat(recs).extracting(r -> r.get("bucket")).containsExactly("logs", "tiny");
    Map<String, Object> logs = recs.getFirst();
    assertThat(logs.get("tier")).isEqualTo("cool");
    assertThat(logs.get("storage_class")).isEqualTo("GLACIER_IR");
    // 1024 GiB × ($0.023 − $0.004)
    assertThat((double) logs.get("monthly_savings"))
        .isCloseTo(19.456, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(logs.get("description"))
        .isEqualTo(
            "1024.0 GiB in bucket logs (10 versions) not"
                + " written for 90 days: a transition rule to tier cool (GLACIER_IR) saves about $19.46"
                + " a month.");
    assertThat(recs.get(1).get("description").toString()).contains("less than $0.01");
  }

  @Test
  void anArchiveTierOnlyWhenNothingElseAndNothingWithoutSavings() {
    var archive =
        TierRecommendations.compute(
            Map.of("b", new Amount(1, 1L << 30)),
            List.of(dir("vault", List.of("DEEP_ARCHIVE"), 0.00099)));
    assertThat(archive.getFirst().get("description").toString())
        .contains("tier vault (DEEP_ARCHIVE)")
        .contains("RestoreObject");
    assertThat(
            TierRecommendations.compute(
                Map.of("b", new Amount(1, 1L << 30)),
                List.of(dir("dear", List.of("STANDARD_IA"), 0.05))))
        .isEmpty();
    assertThat(TierRecommendations.compute(Map.of("b", new Amount(1, 1L << 30)), List.of()))
        .isEmpty();
  }
}
