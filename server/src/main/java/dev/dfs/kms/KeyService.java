package dev.dfs.kms;

import dev.dfs.crypto.DataKey;
import dev.dfs.crypto.MasterKey;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * DFS's key service for SSE-KMS: named 256-bit keys, each with versions of key material sealed by
 * the {@link MasterKey}, kept in a {@link SystemTable} (the identity store's, so a cluster commits
 * them through its log and replicates them). Keys are addressed like AWS KMS keys: by id (a UUID),
 * ARN ({@code arn:aws:kms:<region>:<account>:key/<id>}) or alias ({@code alias/<name>}, also as an
 * ARN). {@value #DEFAULT_ALIAS} is the default key, created on first use.
 *
 * <p>Data keys are sealed under the key's current version (AES-256-GCM, the caller's context as
 * authenticated data); {@link #rotate} adds a version and keeps the old ones, so what they sealed
 * still opens. A disabled key neither seals nor opens.
 *
 * <p>Stateless over the table: every read sees the table's current content on this node, every
 * change is one atomic {@link SystemTable#write}. Refusals throw {@link KmsException}; failures of
 * the table throw {@link IOException}. Thread-safe.
 */
public final class KeyService {
  /** The alias of the default key SSE-KMS uses when no key is named. */
  public static final String DEFAULT_ALIAS = "alias/aws/s3";

  /** The account shown in ARNs: DFS has one account. */
  public static final String ACCOUNT = "000000000000";

  static final String KEY_PREFIX = "kms/k/";
  static final String ALIAS_PREFIX = "kms/a/";
  private static final Pattern ALIAS = Pattern.compile("alias/[A-Za-z0-9/_-]{1,250}");
  private static final int MAX_REF = 2048;
  private static final int MAX_DESCRIPTION = 8192;

  private final SystemTable table;
  private final MasterKey masterKey;
  private final String arnPrefix;
  private final Clock clock;

  /**
   * @param region the region shown in ARNs (and required of ARNs given)
   */
  public KeyService(SystemTable table, MasterKey masterKey, String region, Clock clock) {
    this.table = table;
    this.masterKey = masterKey;
    this.arnPrefix = "arn:aws:kms:" + region + ":" + ACCOUNT + ":";
    this.clock = clock;
  }

  /** A data key sealed under {@code key}'s version {@code version}. */
  public record SealedDataKey(KmsKey key, int version, byte[] sealed) {}

  /**
   * Creates an enabled key with fresh material.
   *
   * @param alias {@code alias/<name>} or {@code <name>}, or null for none; names under {@code aws/}
   *     are reserved
   * @throws KmsException INVALID for a malformed, reserved or taken alias or a too long description
   */
  public KmsKey create(@Nullable String alias, @Nullable String description) throws IOException {
    String a = alias == null ? null : normalizeAlias(alias);
    if (a != null && a.startsWith("alias/aws/")) {
      throw new KmsException(KmsException.Reason.INVALID, "Aliases under alias/aws/ are reserved.");
    }
    return createChecked(a, description == null ? "" : description);
  }

  private KmsKey createChecked(@Nullable String alias, String description) throws IOException {
    if (description.length() > MAX_DESCRIPTION) {
      throw new KmsException(KmsException.Reason.INVALID, "The description is too long.");
    }
    return table.write(
        changes -> {
          if (alias != null && table.get(ALIAS_PREFIX + alias).isPresent()) {
            throw new KmsException(KmsException.Reason.INVALID, "An alias " + alias + " exists.");
          }
          return add(changes, alias, description);
        });
  }

  private KmsKey add(SystemTable.Changes changes, @Nullable String alias, String description) {
    String id = UUID.randomUUID().toString();
    KmsKey k =
        new KmsKey(
            id,
            arnPrefix + "key/" + id,
            alias == null ? List.of() : List.of(alias),
            description,
            true,
            clock.instant(),
            1,
            null);
    changes.put(
        KEY_PREFIX + id, KeyCodec.write(new KeyCodec.Stored(k, Map.of(1, sealMaterial(id, 1)))));
    if (alias != null) changes.put(ALIAS_PREFIX + alias, id.getBytes(StandardCharsets.UTF_8));
    return k;
  }

  /** Every key, oldest first. */
  public List<KmsKey> list() throws IOException {
    List<KmsKey> out = new ArrayList<>();
    for (SystemTable.Entry e : table.scan(KEY_PREFIX))
      out.add(KeyCodec.read(e.requireValue()).key());
    out.sort(Comparator.comparing(KmsKey::created).thenComparing(KmsKey::keyId));
    return out;
  }

  /** The key {@code ref} (id, ARN or alias) names. @throws KmsException NOT_FOUND */
  public KmsKey describe(String ref) throws IOException {
    return stored(ref).key();
  }

  /** Enables or disables the key {@code ref} names. @throws KmsException NOT_FOUND */
  public KmsKey setEnabled(String ref, boolean enabled) throws IOException {
    return table.write(
        changes -> {
          KeyCodec.Stored s = stored(ref);
          KeyCodec.Stored changed = s.with(s.key().withEnabled(enabled));
          changes.put(KEY_PREFIX + s.key().keyId(), KeyCodec.write(changed));
          return changed.key();
        });
  }

  /**
   * Gives the key {@code ref} names new material as its next version; earlier versions are kept for
   * opening what they sealed. @throws KmsException NOT_FOUND, DISABLED
   */
  public KmsKey rotate(String ref) throws IOException {
    return table.write(
        changes -> {
          KeyCodec.Stored s = usable(ref);
          KmsKey next = s.key().rotatedAt(clock.instant());
          Map<Integer, byte[]> material = new java.util.TreeMap<>(s.sealedMaterial());
          material.put(next.version(), sealMaterial(next.keyId(), next.version()));
          changes.put(
              KEY_PREFIX + next.keyId(), KeyCodec.write(new KeyCodec.Stored(next, material)));
          return next;
        });
  }

  /** The default key ({@value #DEFAULT_ALIAS}), created when it does not exist yet. */
  public KmsKey defaultKey() throws IOException {
    Optional<KeyCodec.Stored> existing = find(DEFAULT_ALIAS);
    if (existing.isPresent()) return existing.get().key();
    return table.write(
        changes -> {
          Optional<KeyCodec.Stored> raced = find(DEFAULT_ALIAS);
          if (raced.isPresent()) return raced.get().key();
          return add(changes, DEFAULT_ALIAS, "Default key for SSE-KMS in DFS");
        });
  }

  /**
   * Seals {@code dataKey} under the current version of the key {@code ref} names, binding {@code
   * context}. @throws KmsException NOT_FOUND, DISABLED
   */
  public SealedDataKey seal(String ref, DataKey dataKey, String context) throws IOException {
    KeyCodec.Stored s = usable(ref);
    int v = s.key().version();
    byte[] sealed = material(s, v).seal(dataKey.raw(), context);
    return new SealedDataKey(s.key(), v, sealed);
  }

  /**
   * Opens what {@link #seal} sealed under version {@code version} of key {@code keyId} with the
   * same {@code context}.
   *
   * @throws KmsException NOT_FOUND (also for an unknown version), DISABLED
   * @throws IOException when the sealed value does not open (corrupt, or moved)
   */
  public DataKey open(String keyId, int version, byte[] sealed, String context) throws IOException {
    KeyCodec.Stored s = usable(keyId);
    if (!s.sealedMaterial().containsKey(version)) throw KmsException.notFound(keyId);
    return DataKey.of(material(s, version).open(sealed, context));
  }

  /**
   * How many versions of key material are not sealed under the master key's current key: what a
   * master-key rotation still has to seal again.
   */
  public int staleMaterial() throws IOException {
    int n = 0;
    for (SystemTable.Entry e : table.scan(KEY_PREFIX)) {
      for (byte[] sealed : KeyCodec.read(e.requireValue()).sealedMaterial().values()) {
        if (!masterKey.sealedByCurrent(sealed)) n++;
      }
    }
    return n;
  }

  /**
   * Seals every version of key material not under the master key's current key again under it (the
   * material itself is unchanged, so every data key it sealed still opens), in one atomic write;
   * returns how many versions. Disabled keys are included. Harmless to repeat.
   *
   * @throws IOException when material opens under neither the current nor a previous key
   */
  public int resealMaterial() throws IOException {
    return table.write(
        changes -> {
          int n = 0;
          for (SystemTable.Entry e : table.scan(KEY_PREFIX)) {
            KeyCodec.Stored s = KeyCodec.read(e.requireValue());
            Map<Integer, byte[]> material = new java.util.TreeMap<>(s.sealedMaterial());
            int before = n;
            for (Map.Entry<Integer, byte[]> m : s.sealedMaterial().entrySet()) {
              if (masterKey.sealedByCurrent(m.getValue())) continue;
              material.put(
                  m.getKey(),
                  masterKey.reseal(m.getValue(), materialContext(s.key().keyId(), m.getKey())));
              n++;
            }
            if (n > before)
              changes.put(e.key(), KeyCodec.write(new KeyCodec.Stored(s.key(), material)));
          }
          return n;
        });
  }

  private KeyCodec.Stored usable(String ref) throws IOException {
    KeyCodec.Stored s = stored(ref);
    if (!s.key().enabled()) throw KmsException.disabled(s.key().arn());
    return s;
  }

  private KeyCodec.Stored stored(String ref) throws IOException {
    return find(ref).orElseThrow(() -> KmsException.notFound(ref));
  }

  /** The key {@code ref} names: an id, a key ARN, an alias or an alias ARN of this region. */
  private Optional<KeyCodec.Stored> find(String ref) throws IOException {
    if (ref == null || ref.isEmpty() || ref.length() > MAX_REF) return Optional.empty();
    String r = ref;
    if (r.startsWith("arn:")) {
      if (!r.startsWith(arnPrefix)) return Optional.empty();
      r = r.substring(arnPrefix.length());
      if (r.startsWith("key/")) r = r.substring(4);
      else if (!r.startsWith("alias/")) return Optional.empty();
    }
    String id = r;
    if (r.startsWith("alias/")) {
      Optional<byte[]> target = table.get(ALIAS_PREFIX + r);
      if (target.isEmpty()) return Optional.empty();
      id = new String(target.get(), StandardCharsets.UTF_8);
    }
    if (id.contains("/")) return Optional.empty();
    Optional<byte[]> value = table.get(KEY_PREFIX + id);
    return value.isEmpty() ? Optional.empty() : Optional.of(KeyCodec.read(value.get()));
  }

  private static String normalizeAlias(String alias) {
    String a = alias.startsWith("alias/") ? alias : "alias/" + alias;
    if (!ALIAS.matcher(a).matches()) {
      throw new KmsException(
          KmsException.Reason.INVALID,
          "An alias is alias/ followed by 1 to" + " 250 letters, digits, '/', '_' or '-'.");
    }
    return a;
  }

  private byte[] sealMaterial(String keyId, int version) {
    return masterKey.seal(DataKey.random().raw(), materialContext(keyId, version));
  }

  /** The material of version {@code v}, as a key that seals and opens data keys. */
  private MasterKey material(KeyCodec.Stored s, int v) throws IOException {
    byte[] sealed = s.sealedMaterial().get(v);
    if (sealed == null)
      throw new IllegalStateException("key " + s.key().keyId() + " has no version " + v);
    return MasterKey.of(masterKey.open(sealed, materialContext(s.key().keyId(), v)));
  }

  private static String materialContext(String keyId, int version) {
    return "dfs kms v1\u0000" + keyId + "\u0000" + version;
  }
}
