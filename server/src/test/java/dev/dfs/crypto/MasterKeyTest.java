package dev.dfs.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
  @TempDir Path dir;

  @Test
  void generatesAPrivateKeyFileOnceAndReusesIt() throws IOException {
    MasterKey first = MasterKey.resolve(null, dir);
    Path file = dir.resolve(MasterKey.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    byte[] sealed = first.seal("secret".getBytes(StandardCharsets.UTF_8), "ctx");
    MasterKey again = MasterKey.resolve(null, dir);
    assertThat(new String(again.open(sealed, "ctx"), StandardCharsets.UTF_8)).isEqualTo("secret");
  }

  @Test
  void aSharedKeyIsNeverGeneratedButTakenFromTheSettingOrTheFile() throws IOException {
    assertThatThrownBy(() -> MasterKey.resolveShared(null, dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("DFS_MASTER_KEY");
    assertThat(dir.resolve(MasterKey.FILE_NAME)).doesNotExist();
    byte[] raw = new byte[32];
    raw[3] = 9;
    String configured = Base64.getEncoder().encodeToString(raw);
    byte[] sealed = MasterKey.of(raw).seal(new byte[] {1}, "c");
    assertThat(MasterKey.resolveShared(configured, dir).open(sealed, "c")).containsExactly(1);
    assertThat(dir.resolve(MasterKey.FILE_NAME)).doesNotExist();
    Files.writeString(dir.resolve(MasterKey.FILE_NAME), configured + "\n");
    assertThat(MasterKey.resolveShared(null, dir).open(sealed, "c")).containsExactly(1);
  }

  @Test
  void sealedValuesDoNotContainThePlaintextAndDiffer() {
    MasterKey key = MasterKey.of(new byte[32]);
    byte[] a = key.seal("plaintext-secret".getBytes(StandardCharsets.UTF_8), "");
    byte[] b = key.seal("plaintext-secret".getBytes(StandardCharsets.UTF_8), "");
    assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("plaintext");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void refusesAnotherContextAnotherKeyAndTampering() throws IOException {
    MasterKey key = MasterKey.of(new byte[32]);
    byte[] sealed = key.seal(new byte[] {1, 2, 3}, "bucket/key");
    assertThat(key.open(sealed, "bucket/key")).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> key.open(sealed, "bucket/other"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("authentication failed");
    byte[] raw = new byte[32];
    raw[0] = 1;
    assertThatThrownBy(() -> MasterKey.of(raw).open(sealed, "bucket/key"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("different master key");
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> key.open(sealed, "bucket/key")).isInstanceOf(IOException.class);
  }

  @Test
  void configuredKeyWinsAndABadKeyFileIsNamed() throws IOException {
    byte[] raw = new byte[32];
    raw[5] = 7;
    String b64 = Base64.getEncoder().encodeToString(raw);
    byte[] sealed = MasterKey.of(raw).seal(new byte[] {9}, "");
    assertThat(MasterKey.resolve(b64, dir).open(sealed, "")).containsExactly(9);
    assertThat(dir.resolve(MasterKey.FILE_NAME)).doesNotExist();
    Files.writeString(dir.resolve(MasterKey.FILE_NAME), "not a key");
    assertThatThrownBy(() -> MasterKey.resolve(null, dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not hold a master key");
  }

  @Test
  void toStringHidesTheKey() {
    assertThat(MasterKey.of(new byte[32]).toString()).startsWith("MasterKey[id=").hasSize(22);
  }

  @Test
  void aRotationSealsUnderTheNewKeyAndOpensUnderBothUntilTheOldIsRetired() throws IOException {
    MasterKey key = MasterKey.resolve(null, dir);
    String oldId = key.id();
    byte[] old = key.seal(new byte[] {7}, "ctx");
    assertThat(key.sealedByCurrent(old)).isTrue();
    key.beginRotation();
    assertThat(key.id()).isNotEqualTo(oldId);
    assertThat(key.previousIds()).containsExactly(oldId);
    assertThat(dir.resolve(MasterKey.PREVIOUS_FILE_NAME)).exists();
    byte[] fresh = key.seal(new byte[] {8}, "ctx");
    assertThat(key.sealedByCurrent(fresh)).isTrue();
    assertThat(key.sealedByCurrent(old)).isFalse();
    assertThat(key.open(old, "ctx")).containsExactly(7);
    byte[] resealed = key.reseal(old, "ctx");
    assertThat(key.sealedByCurrent(resealed)).isTrue();
    assertThat(key.open(resealed, "ctx")).containsExactly(7);
    assertThat(key.reseal(resealed, "ctx")).isSameAs(resealed);
    assertThatThrownBy(key::beginRotation).isInstanceOf(IllegalStateException.class);

    MasterKey restarted = MasterKey.resolve(null, dir);
    assertThat(restarted.id()).isEqualTo(key.id());
    assertThat(restarted.open(old, "ctx")).containsExactly(7);

    key.retirePrevious();
    assertThat(key.previousIds()).isEmpty();
    assertThat(dir.resolve(MasterKey.PREVIOUS_FILE_NAME)).doesNotExist();
    assertThat(dir.resolve(MasterKey.RETIRED_FILE_PREFIX + oldId)).exists();
    assertThatThrownBy(() -> key.open(old, "ctx"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("different master key");
    assertThat(key.open(resealed, "ctx")).containsExactly(7);
    assertThatThrownBy(() -> MasterKey.resolve(null, dir).open(old, "ctx"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aConfiguredKeyOpensWhatItsPreviousKeysSealedButIsNotRotatedByTheServer() throws IOException {
    byte[] oldRaw = new byte[32];
    oldRaw[0] = 1;
    byte[] newRaw = new byte[32];
    newRaw[0] = 2;
    byte[] old = MasterKey.of(oldRaw).seal(new byte[] {5}, "c");
    String b64Old = Base64.getEncoder().encodeToString(oldRaw);
    MasterKey key = MasterKey.resolve(Base64.getEncoder().encodeToString(newRaw), b64Old, dir);
    assertThat(key.fromKeyFile()).isFalse();
    assertThat(key.previousIds()).containsExactly(MasterKey.of(oldRaw).id());
    assertThat(key.sealedByCurrent(old)).isFalse();
    assertThat(key.open(old, "c")).containsExactly(5);
    assertThatThrownBy(key::beginRotation).isInstanceOf(IllegalStateException.class);
    key.retirePrevious();
    assertThatThrownBy(() -> key.open(old, "c")).isInstanceOf(IOException.class);
    assertThat(dir.resolve(MasterKey.FILE_NAME)).doesNotExist();
  }

  @Test
  void aPreviousKeyFileHoldingTheCurrentKeyStartsNoRotation() throws IOException {
    MasterKey key = MasterKey.resolve(null, dir);
    Files.copy(dir.resolve(MasterKey.FILE_NAME), dir.resolve(MasterKey.PREVIOUS_FILE_NAME));
    MasterKey again = MasterKey.resolve(null, dir);
    assertThat(again.id()).isEqualTo(key.id());
    assertThat(again.previousIds()).isEmpty();
    again.beginRotation();
    assertThat(again.previousIds()).containsExactly(key.id());
  }
}
