package dev.dfs.crypto;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The key files of a data directory: one key each, base64 on one line, mode 0600. Every change is a
 * synced temporary file renamed over the target and a synced directory, so a crash leaves either
 * the old or the new file, never a torn one. Stateless.
 */
final class MasterKeyFiles {
  private MasterKeyFiles() {}

  /**
   * The 32-byte key in {@code file}.
   *
   * @throws IOException when it cannot be read or does not hold a key
   */
  static byte[] read(Path file) throws IOException {
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
    return raw;
  }

  /** Writes {@code raw} as {@code dir/name} (0600), replacing it atomically. */
  static void write(Path dir, String name, byte[] raw) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(name + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        tmp, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(name),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
  }

  /** Renames {@code dir/from} to {@code dir/to} atomically (nothing when {@code from} is gone). */
  static void retire(Path dir, String from, String to) throws IOException {
    if (!Files.exists(dir.resolve(from))) return;
    Files.move(
        dir.resolve(from),
        dir.resolve(to),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(dir);
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
