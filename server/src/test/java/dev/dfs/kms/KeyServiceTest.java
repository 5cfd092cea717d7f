package dev.dfs.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.crypto.DataKey;
import dev.dfs.crypto.MasterKey;
import java.io.IOException;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class KeyServiceTest {
  private final MasterKey master = MasterKey.of(DataKey.random().raw());
  private final MemoryTable table = new MemoryTable();
  private final KeyService kms = new KeyService(table, master, "eu-west-1", Clock.systemUTC());

  @Test
  void createdKeyIsFoundByIdArnAliasAndAliasArn() throws IOException {
    KmsKey k = kms.create("app", "for the app");
    assertThat(k.keyId()).matches("[0-9a-f-]{36}");
    assertThat(k.arn()).isEqualTo("arn:aws:kms:eu-west-1:000000000000:key/" + k.keyId());
    assertThat(k.aliases()).containsExactly("alias/app");
    assertThat(k.state()).isEqualTo("Enabled");
    for (String ref :
        new String[] {
          k.keyId(), k.arn(), "alias/app", "arn:aws:kms:eu-west-1:000000000000:alias/app"
        }) {
      assertThat(kms.describe(ref).keyId()).as(ref).isEqualTo(k.keyId());
    }
    assertThat(kms.list()).extracting(KmsKey::keyId).containsExactly(k.keyId());
  }

  @Test
  void unknownRefsAreNotFound() throws IOException {
    KmsKey k = kms.create(null, null);
    for (String ref :
        new String[] {
          "nope",
          "alias/nope",
          "",
          k.keyId() + "x",
          "arn:aws:kms:us-east-1:000000000000:key/" + k.keyId(),
          "kms/k/" + k.keyId()
        }) {
      assertThatThrownBy(() -> kms.describe(ref))
          .as(ref)
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> assertThat(e.reason()).isEqualTo(KmsException.Reason.NOT_FOUND));
    }
  }

  @Test
  void aliasesAreValidatedUniqueAndAwsIsReserved() throws IOException {
    kms.create("alias/taken", null);
    for (String bad : new String[] {"taken", "aws/s3", "bad alias", "alias/"}) {
      assertThatThrownBy(() -> kms.create(bad, null))
          .as(bad)
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> assertThat(e.reason()).isEqualTo(KmsException.Reason.INVALID));
    }
  }

  @Test
  void sealedDataKeyOpensWithTheSameContextOnly() throws IOException {
    KmsKey k = kms.create("a", null);
    DataKey dk = DataKey.random();
    KeyService.SealedDataKey s = kms.seal("alias/a", dk, "ctx");
    assertThat(s.version()).isEqualTo(1);
    assertThat(kms.open(k.keyId(), 1, s.sealed(), "ctx").raw()).isEqualTo(dk.raw());
    assertThatThrownBy(() -> kms.open(k.keyId(), 1, s.sealed(), "other"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void disabledKeyNeitherSealsNorOpensUntilEnabled() throws IOException {
    KmsKey k = kms.create(null, null);
    KeyService.SealedDataKey s = kms.seal(k.keyId(), DataKey.random(), "c");
    assertThat(kms.setEnabled(k.arn(), false).state()).isEqualTo("Disabled");
    assertThatThrownBy(() -> kms.seal(k.keyId(), DataKey.random(), "c"))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(KmsException.Reason.DISABLED);
              assertThat(e.getMessage()).isEqualTo(k.arn() + " is disabled.");
            });
    assertThatThrownBy(() -> kms.open(k.keyId(), 1, s.sealed(), "c"))
        .isInstanceOf(KmsException.class);
    kms.setEnabled(k.keyId(), true);
    assertThat(kms.open(k.keyId(), 1, s.sealed(), "c")).isNotNull();
  }

  @Test
  void rotationSealsUnderTheNewVersionAndOldVersionsStillOpen() throws IOException {
    KmsKey k = kms.create(null, null);
    DataKey before = DataKey.random();
    KeyService.SealedDataKey old = kms.seal(k.keyId(), before, "c");
    KmsKey rotated = kms.rotate(k.keyId());
    assertThat(rotated.version()).isEqualTo(2);
    assertThat(rotated.rotated()).isNotNull();
    KeyService.SealedDataKey fresh = kms.seal(k.keyId(), DataKey.random(), "c");
    assertThat(fresh.version()).isEqualTo(2);
    assertThat(kms.open(k.keyId(), 1, old.sealed(), "c").raw()).isEqualTo(before.raw());
    // the new version's material differs: the old sealed value does not open under it
    assertThatThrownBy(() -> kms.open(k.keyId(), 2, old.sealed(), "c"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> kms.open(k.keyId(), 3, old.sealed(), "c"))
        .isInstanceOf(KmsException.class);
  }

  @Test
  void defaultKeyIsCreatedOnceOnFirstUse() throws IOException {
    KmsKey first = kms.defaultKey();
    assertThat(first.aliases()).containsExactly(KeyService.DEFAULT_ALIAS);
    assertThat(kms.defaultKey().keyId()).isEqualTo(first.keyId());
    assertThat(kms.list()).hasSize(1);
  }

  @Test
  void materialIsStoredOnlySealed() throws IOException {
    KmsKey k = kms.create(null, null);
    String record =
        new String(
            table.get(KeyService.KEY_PREFIX + k.keyId()).orElseThrow(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(record).contains("\"material\"");
    KeyService other =
        new KeyService(table, MasterKey.of(DataKey.random().raw()), "eu-west-1", Clock.systemUTC());
    assertThatThrownBy(() -> other.seal(k.keyId(), DataKey.random(), "c"))
        .isInstanceOf(IOException.class);
  }
}
