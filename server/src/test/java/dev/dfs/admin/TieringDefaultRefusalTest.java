package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DirectoryTiers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refusal of a bucket default class no tier serves names each class that works once. */
class TieringDefaultRefusalTest {
  @Test
  void aTierServingIntelligentTieringDoesNotListItTwice() {
    Path root = Path.of("/srv/tiers");
    String message =
        TieringOverridesResource.unservedMessage(
            "GLACIER",
            List.of(
                DirectoryTiers.directory(root, "warm", "GLACIER_IR", "INTELLIGENT_TIERING"),
                DirectoryTiers.directory(root, "ia", "STANDARD_IA")));
    assertThat(message)
        .contains(
            "No tier serves storage class GLACIER",
            "expected one of STANDARD, INTELLIGENT_TIERING, GLACIER_IR, STANDARD_IA (");
  }
}
