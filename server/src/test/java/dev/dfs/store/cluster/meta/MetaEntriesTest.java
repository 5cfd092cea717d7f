package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetaEntriesTest {
  private final MetaEntries entries = new MetaEntries("cluster-secret-0123456789");
  private final byte[] batch = "a serialized write batch".getBytes(StandardCharsets.UTF_8);

  @Test
  void roundTripsTermAndBatch() {
    MetaEntries.Entry e = entries.decode(entries.encode(42, 7, batch), 42);
    assertThat(e.check()).isEqualTo(MetaEntries.Check.OK);
    assertThat(e.admittedTerm()).isEqualTo(7);
    assertThat(e.batch()).isEqualTo(batch);
  }

  @Test
  void anEntryWithoutTheSecretIsForged() {
    byte[] other = new MetaEntries("another-secret-0123456789").encode(42, 7, batch);
    assertThat(entries.decode(other, 42).check()).isEqualTo(MetaEntries.Check.FORGED);
    byte[] tampered = entries.encode(42, 7, batch);
    tampered[20] ^= 1;
    assertThat(entries.decode(tampered, 42).check()).isEqualTo(MetaEntries.Check.FORGED);
    assertThat(entries.decode(new byte[3], 42).check()).isEqualTo(MetaEntries.Check.UNKNOWN_FORMAT);
  }

  @Test
  void anEntryFromAnotherColumnFamilyLayoutIsRecognized() {
    assertThat(entries.decode(entries.encode(41, 7, batch), 42).check())
        .isEqualTo(MetaEntries.Check.OTHER_LAYOUT);
  }
}
