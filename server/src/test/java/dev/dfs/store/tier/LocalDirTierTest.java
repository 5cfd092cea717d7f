package dev.dfs.store.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory tier: complete writes with their MD5, ranged reads, deletes, probe, emptiness. */
class LocalDirTierTest {

  @Test
  void storesReadsRangesAndDeletes(@TempDir Path dir) throws Exception {
    byte[] data = new byte[200_000];
    new Random(7).nextBytes(data);
    try (LocalDirTier tier = new LocalDirTier("cold", dir)) {
      assertThat(tier.empty()).isTrue();
      String key = TierKeys.next();
      Tier.Written w = tier.write(key, new ByteArrayInputStream(data), data.length);
      assertThat(w.size()).isEqualTo(data.length);
      assertThat(w.md5Hex())
          .isEqualTo(
              HexFormat.of()
                  .formatHex(java.security.MessageDigest.getInstance("MD5").digest(data)));
      assertThat(tier.size(key)).isEqualTo(data.length);
      assertThat(tier.empty()).isFalse();
      try (InputStream in = tier.read(key, 1000, 5000)) {
        assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, 6000));
      }
      try (InputStream in = tier.read(key, 150_000, -1)) {
        assertThat(in.readAllBytes())
            .isEqualTo(java.util.Arrays.copyOfRange(data, 150_000, 200_000));
      }
      tier.delete(key);
      tier.delete(key); // a missing key is not an error
      assertThatThrownBy(() -> tier.read(key, 0, -1)).isInstanceOf(NoSuchFileException.class);
      assertThat(tier.empty()).isTrue();
    }
  }

  @Test
  void aShortBodyLeavesNothingBehind(@TempDir Path dir) throws Exception {
    try (LocalDirTier tier = new LocalDirTier("cold", dir)) {
      String key = TierKeys.next();
      assertThatThrownBy(() -> tier.write(key, new ByteArrayInputStream(new byte[10]), 11))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("ended after 10 of 11");
      assertThatThrownBy(() -> tier.write(key, new ByteArrayInputStream(new byte[12]), 11))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("longer");
      assertThat(tier.empty()).isTrue();
      try (var files = Files.walk(dir)) {
        assertThat(files.filter(Files::isRegularFile)).isEmpty();
      }
    }
  }

  @Test
  void verifyLeavesNoProbeAndKeysThatDfsDidNotMakeAreRefused(@TempDir Path dir) throws Exception {
    try (LocalDirTier tier = new LocalDirTier("cold", dir)) {
      tier.verify();
      assertThat(tier.empty()).isTrue();
      assertThatThrownBy(() -> tier.read("../etc/passwd", 0, -1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
