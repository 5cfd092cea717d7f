package dev.dfs.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The server's master key: an AES-256 key that seals small secrets kept at rest (per-object data
 * keys, users' secret keys). Taken from {@code DFS_MASTER_KEY} when set, otherwise from {@code
 * <data-dir>/master.key}, which the first start generates with mode 0600.
 *
 * <p>Sealed form: {@code 0x01 | key id (4 bytes) | nonce (12) | AES-GCM ciphertext and tag}. The
 * key id (first 4 bytes of SHA-256 of the key) lets {@link #open} tell "sealed under another master
 * key" apart from "corrupt". The caller's {@code context} (for example the object's bucket and key)
 * is bound as additional authenticated data, so a sealed value moved to another place does not
 * open.
 *
 * <p>Rotation ({@link #beginRotation}, {@link #retirePrevious}): a new key becomes current beside
 * the old one, which then only opens (the key id in each sealed value picks the key); once
 * everything is sealed again under the new key, the old one is retired. So the current key is the
 * one mutable part of this object, swapped atomically: every holder seals under the new key from
 * that moment on. A key from the data directory keeps its previous key in {@value
 * #PREVIOUS_FILE_NAME} during a rotation and moves it to {@code master.key.retired-<id>}
 * afterwards; a key from {@code DFS_MASTER_KEY} cannot be replaced by the server, so it starts a
 * rotation only when given its previous key(s).
 *
 * <p>Thread-safe. {@link #toString()} never shows the key.
 */
public final class MasterKey {
  /** The file name of the generated key inside the data directory. */
  public static final String FILE_NAME = "master.key";

  /** The file holding the previous key while a rotation re-seals what it sealed. */
  public static final String PREVIOUS_FILE_NAME = "master.key.previous";

  /** The prefix of a retired key's file name: {@code master.key.retired-<key id>}. */
  public static final String RETIRED_FILE_PREFIX = "master.key.retired-";

  private static final int FORMAT = 1;
  private static final int ID_LENGTH = 4;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One key and its id. */
  private record Entry(SecretKeySpec key, byte[] id) {
    static Entry of(byte[] raw) {
      if (raw.length != 32) throw new IllegalArgumentException("a master key has 32 bytes");
      return new Entry(
          new SecretKeySpec(raw.clone(), "AES"), Arrays.copyOf(sha256(raw), ID_LENGTH));
    }

    String hexId() {
      return java.util.HexFormat.of().formatHex(id);
    }
  }

  /** The key that seals and the keys that only open (previous keys during a rotation). */
  private record Ring(Entry current, List<Entry> previous) {
    Ring {
      previous = List.copyOf(previous);
    }
  }

  /** The data directory holding the key files, or null for a configured or test key. */
  private final @Nullable Path home;

  private volatile Ring ring;

  private MasterKey(Entry current, List<Entry> previous, @Nullable Path home) {
    this.ring = new Ring(current, previous);
    this.home = home;
  }

  /** A master key from its 32 raw bytes (tests; operators use {@link #resolve}). */
  public static MasterKey of(byte[] raw) {
    return new MasterKey(Entry.of(raw), List.of(), null);
  }

  /**
   * A configured key ({@code DFS_MASTER_KEY}) with the keys it replaces ({@code
   * DFS_MASTER_KEY_PREVIOUS}, comma-separated base64; null or empty for none): the previous keys
   * only open, and a rotation re-seals what they sealed.
   */
  public static MasterKey configured(String base64, @Nullable String previousBase64) {
    List<Entry> previous = new java.util.ArrayList<>();
    if (previousBase64 != null) {
      for (String p : previousBase64.split(",")) {
        if (!p.isBlank()) previous.add(Entry.of(Base64.getDecoder().decode(p.trim())));
      }
    }
    return new MasterKey(Entry.of(Base64.getDecoder().decode(base64.trim())), previous, null);
  }

  /**
   * The configured key ({@code base64}, 32 bytes; null when unset) or the data directory's key
   * file, generated (0600, written atomically) when missing.
   *
   * @throws IOException when the key file cannot be read or written, or does not hold a key
   */
  public static MasterKey resolve(@Nullable String base64, Path dataDir) throws IOException {
    return resolve(base64, null, dataDir);
  }

  /**
   * As {@link #resolve(String, Path)}, with the previous keys of a configured key ({@code
   * previousBase64}, see {@link #configured}); a key file comes with the data directory's {@value
   * #PREVIOUS_FILE_NAME} when a rotation is under way.
   *
   * @throws IOException when a key file cannot be read or written, or does not hold a key
   */
  public static MasterKey resolve(
      @Nullable String base64, @Nullable String previousBase64, Path dataDir) throws IOException {
    if (base64 != null) return configured(base64, previousBase64);
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      byte[] raw = new byte[32];
      RANDOM.nextBytes(raw);
      MasterKeyFiles.write(dataDir, FILE_NAME, raw);
      return new MasterKey(Entry.of(raw), List.of(), dataDir);
    }
    Entry current = Entry.of(MasterKeyFiles.read(file));
    Path previous = dataDir.resolve(PREVIOUS_FILE_NAME);
    List<Entry> previousKeys =
        Files.exists(previous) ? List.of(Entry.of(MasterKeyFiles.read(previous))) : List.of();
    // a crash between writing the previous key and the new one leaves both files the same key
    if (!previousKeys.isEmpty() && Arrays.equals(previousKeys.get(0).id(), current.id())) {
      previousKeys = List.of();
    }
    return new MasterKey(current, previousKeys, dataDir);
  }

  /**
   * The key of a node that shares it with other nodes (a cluster node): as {@link #resolve}, but
   * never generated, since a key generated on each node would differ and the nodes could not open
   * each other's sealed secrets.
   *
   * @throws IOException when neither {@code base64} nor the data directory's key file is given, or
   *     the key file cannot be read or does not hold a key
   */
  public static MasterKey resolveShared(@Nullable String base64, Path dataDir) throws IOException {
    if (base64 == null && !Files.exists(dataDir.resolve(FILE_NAME))) {
      throw new IOException(
          "a cluster node needs the cluster's master key and none is set: give every"
              + " node the same DFS_MASTER_KEY (32 random bytes in base64, e.g. `openssl rand -base64 32`),"
              + " or copy one node's "
              + FILE_NAME
              + " into "
              + dataDir);
    }
    return resolve(base64, dataDir);
  }

  /** Seals {@code secret}, binding {@code context} (may be empty) as authenticated data. */
  public byte[] seal(byte[] secret, String context) {
    Entry current = ring.current();
    SecretKeySpec key = current.key();
    byte[] id = current.id();
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(secret);
      return ByteBuffer.allocate(1 + ID_LENGTH + NONCE_LENGTH + ct.length)
          .put((byte) FORMAT)
          .put(id)
          .put(nonce)
          .put(ct)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Opens what {@link #seal} produced with the same {@code context}, under the current key or a
   * previous one (the key id in {@code sealed} tells which).
   *
   * @throws IOException naming the cause: sealed under another master key, or corrupt
   */
  public byte[] open(byte[] sealed, String context) throws IOException {
    requireFormat(sealed);
    Ring r = ring;
    Entry entry = sealedBy(sealed, r.current()) ? r.current() : null;
    for (Entry p : r.previous()) if (entry == null && sealedBy(sealed, p)) entry = p;
    if (entry == null) {
      throw new IOException(
          "secret was sealed under a different master key"
              + " (check DFS_MASTER_KEY or the data directory's "
              + FILE_NAME
              + ")");
    }
    SecretKeySpec key = entry.key();
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, sealed, 1 + ID_LENGTH, NONCE_LENGTH));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      int offset = 1 + ID_LENGTH + NONCE_LENGTH;
      return c.doFinal(sealed, offset, sealed.length - offset);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IOException("sealed secret is corrupt or was moved (authentication failed)");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot open sealed secret: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code sealed} (a value {@link #seal} produced) is sealed under the current key; a
   * value that is not is sealed under a previous key (or another one) and is what a rotation seals
   * again.
   *
   * @throws IOException when {@code sealed} is not a sealed value
   */
  public boolean sealedByCurrent(byte[] sealed) throws IOException {
    requireFormat(sealed);
    return sealedBy(sealed, ring.current());
  }

  /**
   * {@code sealed} opened and sealed again under the current key with the same {@code context};
   * {@code sealed} itself when it is already sealed under the current key.
   *
   * @throws IOException as {@link #open}
   */
  public byte[] reseal(byte[] sealed, String context) throws IOException {
    if (sealedByCurrent(sealed)) return sealed;
    byte[] secret = open(sealed, context);
    try {
      return seal(secret, context);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The current key's id (hex, 8 characters): the id its sealed values carry. */
  public String id() {
    return ring.current().hexId();
  }

  /** The ids of the previous keys that still open (empty when no rotation is under way). */
  public List<String> previousIds() {
    return ring.previous().stream().map(Entry::hexId).toList();
  }

  /** Whether the key lives in a data directory's key file, so the server can replace it. */
  public boolean fromKeyFile() {
    return home != null;
  }

  /**
   * Starts a rotation of a key-file key: a fresh key becomes current, the current one is kept as
   * the previous key (in {@value #PREVIOUS_FILE_NAME}, written before the new key replaces {@value
   * #FILE_NAME}, each atomically and synced, so a crash between them leaves the old key current and
   * nothing lost).
   *
   * @throws IllegalStateException when the key is not from a key file or a rotation is under way
   * @throws IOException when the key files cannot be written
   */
  public synchronized void beginRotation() throws IOException {
    Ring r = ring;
    if (home == null) throw new IllegalStateException("the master key is not from a key file");
    if (!r.previous().isEmpty()) throw new IllegalStateException("a rotation is under way");
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    MasterKeyFiles.write(home, PREVIOUS_FILE_NAME, r.current().key().getEncoded());
    MasterKeyFiles.write(home, FILE_NAME, raw);
    ring = new Ring(Entry.of(raw), List.of(r.current()));
  }

  /**
   * Ends a rotation: the previous keys no longer open. A key file's previous key moves to {@code
   * master.key.retired-<id>} (kept, not deleted: backups made before the rotation need it; the
   * operator deletes it when those expire); previous keys from {@code DFS_MASTER_KEY_PREVIOUS} are
   * dropped from memory (the setting can then be removed).
   *
   * @throws IOException when the previous key file cannot be moved
   */
  public synchronized void retirePrevious() throws IOException {
    Ring r = ring;
    if (home != null && !r.previous().isEmpty()) {
      MasterKeyFiles.retire(
          home, PREVIOUS_FILE_NAME, RETIRED_FILE_PREFIX + r.previous().get(0).hexId());
    }
    ring = new Ring(r.current(), List.of());
  }

  private static void requireFormat(byte[] sealed) throws IOException {
    if (sealed.length < 1 + ID_LENGTH + NONCE_LENGTH + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new IOException("sealed secret is corrupt (unknown format)");
    }
  }

  private static boolean sealedBy(byte[] sealed, Entry e) {
    return Arrays.equals(sealed, 1, 1 + ID_LENGTH, e.id(), 0, ID_LENGTH);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[id=" + id() + "]";
  }
}
