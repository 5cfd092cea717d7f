package dev.dfs.kms;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the key service tells about one key (never its material). Immutable.
 *
 * @param keyId the key's id, a UUID
 * @param arn {@code arn:aws:kms:<region>:<account>:key/<keyId>}
 * @param aliases its aliases, each {@code alias/<name>}, in creation order
 * @param description free text given at creation ("" when none)
 * @param enabled whether it encrypts and decrypts ({@code KeyState} Enabled / Disabled)
 * @param created when it was created
 * @param version the version new data keys are sealed under (1, then +1 per rotation); older
 *     versions stay, to open what they sealed
 * @param rotated when the current version was made by a rotation, or null
 */
public record KmsKey(
    String keyId,
    String arn,
    List<String> aliases,
    String description,
    boolean enabled,
    Instant created,
    int version,
    @Nullable Instant rotated) {
  public KmsKey {
    aliases = List.copyOf(aliases);
  }

  /** {@code Enabled} or {@code Disabled}, as AWS KMS names the key state. */
  public String state() {
    return enabled ? "Enabled" : "Disabled";
  }

  KmsKey withEnabled(boolean on) {
    return new KmsKey(keyId, arn, aliases, description, on, created, version, rotated);
  }

  KmsKey rotatedAt(Instant when) {
    return new KmsKey(keyId, arn, aliases, description, enabled, created, version + 1, when);
  }
}
