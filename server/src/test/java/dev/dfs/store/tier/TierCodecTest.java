package dev.dfs.store.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.crypto.DataKey;
import dev.dfs.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tier records: round trip, the secret sealed and bound to its tier, definitions checked. */
class TierCodecTest {
  private static final MasterKey KEY = MasterKey.of(DataKey.random().raw());

  private static TierDefinition remote(String name) {
    return new TierDefinition(
        name,
        TierDefinition.Kind.S3,
        List.of("GLACIER"),
        null,
        null,
        "http://127.0.0.1:9",
        "bkt",
        "site-a/",
        "us-east-1",
        "AKID",
        "very-secret-value");
  }

  @Test
  void roundTripsWithTheSecretSealed() throws Exception {
    TierDefinition d = remote("archive");
    byte[] stored = TierCodec.encode(d, KEY);
    assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("very-secret-value");
    assertThat(TierCodec.decode(stored, KEY)).isEqualTo(d);
    assertThat(d.cost()).isEqualTo(CostModel.defaultFor("GLACIER"));
    assertThat(d.toString()).doesNotContain("very-secret-value");
  }

  @Test
  void partSizesRoundTripAndOldRecordsGetTheDefault() throws Exception {
    TierDefinition d =
        new TierDefinition(
            "parts",
            TierDefinition.Kind.S3,
            List.of("GLACIER"),
            null,
            null,
            "http://127.0.0.1:9",
            "bkt",
            "",
            "us-east-1",
            null,
            null,
            8L << 20);
    assertThat(TierCodec.decode(TierCodec.encode(d, KEY), KEY).partSize()).isEqualTo(8L << 20);
    String old =
        new String(TierCodec.encode(d, KEY), StandardCharsets.UTF_8)
            .replace(",\"partSize\":8388608", "");
    assertThat(old).doesNotContain("partSize");
    assertThat(TierCodec.decode(old.getBytes(StandardCharsets.UTF_8), KEY).partSize())
        .isEqualTo(TierDefinition.DEFAULT_PART_SIZE);
    assertThatThrownBy(
            () ->
                new TierDefinition(
                    "parts",
                    TierDefinition.Kind.S3,
                    List.of("GLACIER"),
                    null,
                    null,
                    null,
                    "bkt",
                    "",
                    "us-east-1",
                    null,
                    null,
                    1L << 20))
        .hasMessageContaining("5 MiB");
  }

  @Test
  void aSealedSecretMovedToAnotherTierDoesNotOpen() throws Exception {
    String moved =
        new String(TierCodec.encode(remote("archive"), KEY), StandardCharsets.UTF_8)
            .replace("\"name\":\"archive\"", "\"name\":\"other\"");
    assertThatThrownBy(() -> TierCodec.decode(moved.getBytes(StandardCharsets.UTF_8), KEY))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void definitionsAreChecked() {
    assertThatThrownBy(
            () ->
                new TierDefinition(
                    "Bad Name",
                    TierDefinition.Kind.DIRECTORY,
                    List.of("GLACIER"),
                    null,
                    "/x",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("lower-case");
    assertThatThrownBy(
            () ->
                new TierDefinition(
                    "cold",
                    TierDefinition.Kind.DIRECTORY,
                    List.of("STANDARD"),
                    null,
                    "/x",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("cannot serve storage class 'STANDARD'");
    assertThatThrownBy(
            () ->
                new TierDefinition(
                    "cold",
                    TierDefinition.Kind.DIRECTORY,
                    List.of("GLACIER"),
                    null,
                    "relative",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("absolute");
    assertThatThrownBy(
            () ->
                new TierDefinition(
                    "cold",
                    TierDefinition.Kind.S3,
                    List.of("GLACIER"),
                    null,
                    null,
                    null,
                    "b",
                    null,
                    "us-east-1",
                    "AKID",
                    null))
        .hasMessageContaining("both");
    assertThatThrownBy(() -> new CostModel(-1, 0, 0)).hasMessageContaining("0 or more");
  }
}
