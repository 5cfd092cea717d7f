package dev.dfs.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's master key: an AES-256 key that seals small secrets kept at rest (per-object data
 * keys, users' secret keys). Taken from {@code DFS_MASTER_KEY} when set, otherwise from
 * {@code <data-dir>/master.key}, which the first start generates with mode 0600.
 *
 * <p>Sealed form: {@code 0x01 | key id (4 bytes) | nonce (12) | AES-GCM ciphertext and tag}.
 * The key id (first 4 bytes of SHA-256 of the key) lets {@link #open} tell "sealed under another
 * master key" apart from "corrupt". The caller's {@code context} (for example the object's
 * bucket and key) is bound as additional authenticated data, so a sealed value moved to another
 * place does not open.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 */
public final class MasterKey {
  /** The file name of the generated key inside the data directory. */
  public static final String FILE_NAME = "master.key";

  private static final int FORMAT = 1;
  private static final int ID_LENGTH = 4;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final byte[] id;

  private MasterKey(byte[] raw) {
    if (raw.length != 32) throw new IllegalArgumentException("a master key has 32 bytes");
    this.key = new SecretKeySpec(raw.clone(), "AES");
    this.id = Arrays.copyOf(sha256(raw), ID_LENGTH);
  }

  /** A master key from its 32 raw bytes (tests; operators use {@link #resolve}). */
  public static MasterKey of(byte[] raw) {
    return new MasterKey(raw);
  }

  /**
   * The configured key ({@code base64}, 32 bytes; null when unset) or the data directory's key
   * file, generated (0600, written atomically) when missing.
   *
   * @throws IOException when the key file cannot be read or written, or does not hold a key
   */
  public static MasterKey resolve(String base64, Path dataDir) throws IOException {
    if (base64 != null) return new MasterKey(Base64.getDecoder().decode(base64.trim()));
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        raw = new byte[0];
      }
      if (raw.length != 32) {
        throw new IOException(file + " does not hold a master key (expected 32 bytes in base64)");
      }
      return new MasterKey(raw);
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    Files.createDirectories(dataDir);
    Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n",
        StandardCharsets.US_ASCII);
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    return new MasterKey(raw);
  }

  /**
   * The key of a node that shares it with other nodes (a cluster node): as {@link #resolve},
   * but never generated, since a key generated on each node would differ and the nodes could
   * not open each other's sealed secrets.
   *
   * @throws IOException when neither {@code base64} nor the data directory's key file is given,
   *     or the key file cannot be read or does not hold a key
   */
  public static MasterKey resolveShared(String base64, Path dataDir) throws IOException {
    if (base64 == null && !Files.exists(dataDir.resolve(FILE_NAME))) {
      throw new IOException("a cluster node needs the cluster's master key and none is set: give every"
          + " node the same DFS_MASTER_KEY (32 random bytes in base64, e.g. `openssl rand -base64 32`),"
          + " or copy one node's " + FILE_NAME + " into " + dataDir);
    }
    return resolve(base64, dataDir);
  }

  /** Seals {@code secret}, binding {@code context} (may be empty) as authenticated data. */
  public byte[] seal(byte[] secret, String context) {
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(secret);
      return ByteBuffer.allocate(1 + ID_LENGTH + NONCE_LENGTH + ct.length)
          .put((byte) FORMAT).put(id).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Opens what {@link #seal} produced with the same {@code context}.
   *
   * @throws IOException naming the cause: sealed under another master key, or corrupt
   */
  public byte[] open(byte[] sealed, String context) throws IOException {
    if (sealed.length < 1 + ID_LENGTH + NONCE_LENGTH + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new IOException("sealed secret is corrupt (unknown format)");
    }
    if (!Arrays.equals(sealed, 1, 1 + ID_LENGTH, id, 0, ID_LENGTH)) {
      throw new IOException("secret was sealed under a different master key"
          + " (check DFS_MASTER_KEY or the data directory's " + FILE_NAME + ")");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key,
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

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[id=" + java.util.HexFormat.of().formatHex(id) + "]";
  }
}
