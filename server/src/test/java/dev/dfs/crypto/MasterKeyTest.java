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
        .isInstanceOf(IOException.class).hasMessageContaining("DFS_MASTER_KEY");
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
        .isInstanceOf(IOException.class).hasMessageContaining("authentication failed");
    byte[] raw = new byte[32];
    raw[0] = 1;
    assertThatThrownBy(() -> MasterKey.of(raw).open(sealed, "bucket/key"))
        .isInstanceOf(IOException.class).hasMessageContaining("different master key");
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
        .isInstanceOf(IOException.class).hasMessageContaining("does not hold a master key");
  }

  @Test
  void toStringHidesTheKey() {
    assertThat(MasterKey.of(new byte[32]).toString()).startsWith("MasterKey[id=").hasSize(22);
  }
}
